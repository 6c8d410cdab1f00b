using Lyra.Data.Markets;
using Lyra.Exchanges.Binance;
using Lyra.Testing;

namespace Lyra.Exchanges.Tests;

/// <summary>The real client against a loopback server speaking Binance's klines wire format.</summary>
public sealed class BinanceMarketDataSourceTests : IAsyncLifetime
{
    private FakeBinanceServer _server = null!;
    private HttpClient _http = null!;
    private static readonly Market Btc = Market.Parse("binance:BTCUSDT:1m");

    public async Task InitializeAsync()
    {
        _server = await FakeBinanceServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Returns_closed_candles_only_and_parses_the_string_prices()
    {
        var candles = TestCandles.FromCloses([100.5m, 101.25m, 102m, 103m]);
        _server.SetSeries("BTCUSDT", candles);
        var now = TestCandles.Start.AddMinutes(3.5); // the 00:03 candle is open
        _server.NowMs = now.ToUnixTimeMilliseconds();
        var got = await new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, now, 100);
        Assert.Equal(candles.Take(3), got);
        Assert.Contains("symbol=BTCUSDT&interval=1m", _server.Requests.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_through_more_than_a_thousand_candles_after_the_last_stored_one()
    {
        var candles = TestCandles.FromCloses(Enumerable.Range(0, 2600).Select(i => 100m + (i % 50)).ToList());
        _server.SetSeries("BTCUSDT", candles);
        var now = candles[^1].OpenTime.AddMinutes(1);
        var got = await new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, candles[99].OpenTime, now, 5000);
        Assert.Equal(candles.Skip(100), got);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, q => Assert.Contains("limit=1000", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_symbol_surfaces_binances_code_and_message()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Market.Parse("binance:NOPE:1m"), null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal((400, -1121), (e.HttpStatus, e.Code));
        Assert.Contains("Invalid symbol.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limiting_reports_retry_after()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        _server.RateLimitNext(1);
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal(429, e.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal("rate_limited", e.ErrorCode);
    }

    [Fact]
    public async Task Server_errors_are_dependency_failures()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        _server.FailNext(1);
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal(("dependency_unavailable", -1000), (e.ErrorCode, e.Code));
    }
}
