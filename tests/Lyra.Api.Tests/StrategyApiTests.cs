using System.Globalization;
using System.Text;
using System.Text.Json;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;
using Lyra.Testing;
using Lyra.Api.Routing;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Tests;

/// <summary>GET /api/strategies and POST /api/strategies/backtest.</summary>
public sealed class StrategyApiTests
{
    private static Task<(int Status, JsonElement Body)> CallAsync(FlowHarness h, ApiRoute route, string? body = null) =>
        ApiCall.InvokeAsync(h, route, body: body);

    private static string Rows(IReadOnlyList<Candle> candles) => "[" + string.Join(',', candles.Select(c =>
        string.Create(CultureInfo.InvariantCulture, $"[{c.OpenTime.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}]"))) + "]";

    [Fact]
    public async Task Lists_every_strategy_with_its_parameter_schema()
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await CallAsync(h, ApiRoutes.Strategies);
        Assert.Equal(200, status);
        var list = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(h.Get<IStrategyFactory>().Schemas.Keys, list.Select(s => s.GetProperty("name").GetString()));
        var fast = list[0].GetProperty("parameters")[0];
        Assert.Equal(("fast", 10.0, 2.0, 200.0), (fast.GetProperty("name").GetString(), fast.GetProperty("default").GetDouble(), fast.GetProperty("min").GetDouble(), fast.GetProperty("max").GetDouble()));
    }

    [Fact]
    public async Task Backtests_inline_candles_exactly_like_the_engine()
    {
        await using var h = await ApiHarness.StartAsync();
        var candles = SyntheticSeries.Generate(800, 4, Timeframe.Parse("5m"), TestCandles.Start);
        var (status, body) = await CallAsync(h, ApiRoutes.Backtest,
            $"{{\"strategy\":\"sma-cross\",\"parameters\":{{\"fast\":5,\"slow\":20}},\"commission\":0.001,\"candles\":{Rows(candles)}}}");
        Assert.Equal(200, status);
        var expected = Backtester.Run(CandleSeries.From(candles), new MovingAverageCrossStrategy(5, 20), new BacktestOptions { Commission = 0.001 });
        var data = body.GetProperty("data");
        Assert.Equal(expected.Trades.Count, data.GetProperty("trades").GetArrayLength());
        Assert.Equal(expected.Equity[^1], data.GetProperty("statistics").GetProperty("equity_final").GetDouble(), 6);
        Assert.Equal("inline", data.GetProperty("data").GetString());
        Assert.Equal(800, data.GetProperty("bars").GetInt32());
    }

    [Fact]
    public async Task Backtests_the_stored_candles_of_a_market()
    {
        await using var h = await ApiHarness.StartAsync();
        var candles = SyntheticSeries.Generate(300, 6, Timeframe.OneMinute, TestCandles.Start);
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, candles);
        var (status, body) = await CallAsync(h, ApiRoutes.Backtest, "{\"strategy\":\"rsi-reversion\",\"market\":\"replay:BTCUSDT:1m\",\"bars\":200}");
        Assert.Equal(200, status);
        Assert.Equal(200, body.GetProperty("data").GetProperty("bars").GetInt32());
        Assert.Contains("200 stored candles", body.GetProperty("data").GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"strategy\":\"magic\",\"candles\":[]}", "strategy")]
    [InlineData("{\"strategy\":\"sma-cross\",\"parameters\":{\"fast\":1},\"market\":\"replay:BTCUSDT:1m\"}", "strategy.fast")]
    [InlineData("{\"strategy\":\"sma-cross\",\"cash\":-5,\"candles\":[[1700000000000,1,2,0.5,1.5,1]]}", "cash")]
    [InlineData("{\"strategy\":\"sma-cross\",\"candles\":[[1700000000000,1,2,0.5,1.5,1]]}", "data")]
    [InlineData("{\"strategy\":\"sma-cross\",\"candles\":[[1700000000000,1,2,0.5,1.5,1],[1700000060000,1,2]]}", "candles[1]")]
    [InlineData("{\"strategy\":\"sma-cross\",\"candles\":[[1700000000000,1,2,0.5,3,1]]}", "candles[0]")]
    [InlineData("{\"strategy\":\"sma-cross\",\"speed\":3}", "speed")]
    [InlineData("{\"strategy\":\"sma-cross\"}", "market")]
    public async Task Bad_requests_are_400_naming_the_field(string json, string field)
    {
        using var api = ApiUnit.Create();
        var (status, body) = await api.CallAsync(ApiRoutes.Backtest, body: json);
        Assert.True(status == 400, body.ToString());
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_market_without_stored_candles_is_400_naming_the_market()
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await CallAsync(h, ApiRoutes.Backtest, "{\"strategy\":\"sma-cross\",\"market\":\"replay:NONE:1m\"}");
        Assert.True(status == 400, body.ToString());
        Assert.Equal("market", body.GetProperty("details").GetProperty("field").GetString());
    }
}
