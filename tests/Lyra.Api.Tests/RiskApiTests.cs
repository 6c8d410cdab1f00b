using Lyra.Core.Trading;
using Lyra.Api.Routing;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Exchanges.Orders;

namespace Lyra.Api.Tests;

/// <summary>POST /api/risk/assess, POST /api/risk/position_size, GET /api/risk/report.</summary>
public sealed class RiskApiTests
{
    [Fact]
    public async Task Position_size_applies_the_chosen_method()
    {
        await using var h = await ApiHarness.StartAsync();
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskPositionSize, body: "{\"method\":\"kelly\",\"equity\":10000,\"price\":50,\"win_rate\":0.6,\"payoff\":1.5,\"cap\":0.1,\"step\":0.01}");
        Assert.Equal(200, status);
        Assert.Equal(20m, body.GetProperty("data").GetProperty("quantity").GetDecimal());
        Assert.Equal(0.6 - (0.4 / 1.5), body.GetProperty("data").GetProperty("kelly_fraction").GetDouble(), 9);
        var (_, ff) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskPositionSize, body: "{\"method\":\"fixed_fractional\",\"price\":100,\"stop\":95,\"step\":0.001}");
        Assert.Equal(20m, ff.GetProperty("data").GetProperty("quantity").GetDecimal()); // 1 % of the 10,000 paper equity over a 5 stop
    }

    [Theory]
    [InlineData("{\"method\":\"martingale\",\"price\":1}", "method")]
    [InlineData("{\"method\":\"fixed_fractional\",\"price\":100}", "stop")]
    [InlineData("{\"method\":\"kelly\",\"price\":100,\"win_rate\":1.5,\"payoff\":1}", "win_rate")]
    [InlineData("{\"method\":\"volatility\",\"price\":-1,\"atr\":1}", "price")]
    [InlineData("{\"method\":\"kelly\",\"price\":100,\"leverage\":3}", "leverage")]
    public async Task Bad_sizing_requests_name_the_field(string json, string field)
    {
        using var api = ApiUnit.Create();
        var (status, body) = await api.CallAsync(ApiRoutes.RiskPositionSize, body: json);
        Assert.Equal(400, status);
        Assert.Equal(field, body.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Assess_runs_the_gate_without_placing_anything()
    {
        await using var h = await ApiHarness.StartAsync();
        await h.SeedAsync(Enumerable.Range(0, 40).Select(i => 100m + i).ToList());
        var (s1, buy) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"buy\"}");
        Assert.Equal(200, s1);
        Assert.Equal("approve", buy.GetProperty("data").GetProperty("verdict").GetString());
        Assert.True(buy.GetProperty("data").GetProperty("checks").GetArrayLength() >= 6);
        var (_, sell) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"sell\"}");
        Assert.Equal("no_position", sell.GetProperty("data").GetProperty("reasons")[0].GetString());
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"short\"}")).Status);
    }

    [Fact]
    public async Task The_report_shows_exposure_drawdown_and_var_of_open_positions()
    {
        await using var h = await ApiHarness.StartAsync(s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" });
        var rng = new Random(4);
        var price = 100m;
        var closes = Enumerable.Range(0, 120).Select(_ => price *= 1 + (decimal)((rng.NextDouble() - 0.5) * 0.02)).ToList();
        var candles = await h.SeedAsync(closes);
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskReport, "?bars=100");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal(100, data.GetProperty("bars").GetInt32());
        var var95 = data.GetProperty("value_at_risk").GetProperty("historical_95");
        Assert.True(var95.GetProperty("var").GetDouble() > 0);
        Assert.True(var95.GetProperty("cvar").GetDouble() >= var95.GetProperty("var").GetDouble());
        Assert.True(data.GetProperty("exposure").GetProperty("by_asset").GetProperty("BTCUSDT").GetDecimal() > 0);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.RiskReport, "?bars=3")).Status);
    }

    [Fact]
    public async Task Assess_report_status_positions_and_health_write_nothing_even_at_a_new_equity_high()
    {
        await using var h = await ApiHarness.StartAsync(s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" });
        var closes = Enumerable.Range(0, 80).Select(i => 100m + i).ToList();
        var candles = await h.SeedAsync(closes);
        Assert.Equal("executed", (await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy))).Status.ToString().ToLowerInvariant());
        // The price jumps: equity is above the recorded peak, which the gate (not a read) records.
        await h.SeedAsync([.. closes, 250m]);
        var tables = h.Get<Lyra.Storage.Tables.TableProvider>();
        var before = await StorageSnapshot.TakeAsync(tables);

        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"buy\"}")).Status);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.RiskAssess, body: "{\"market\":\"replay:BTCUSDT:1m\",\"action\":\"sell\"}")).Status);
        var (_, report) = await ApiCall.InvokeAsync(h, ApiRoutes.RiskReport, "?bars=50");
        var recordedPeak = (await h.Get<Lyra.Risk.Portfolio.IPortfolioStore>().GetAsync()).PeakEquity;
        Assert.True(report.GetProperty("data").GetProperty("equity").GetDecimal() > recordedPeak, report.ToString());
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.Status)).Status);
        Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.Positions)).Status);
        await ApiCall.InvokeAsync(h, ApiRoutes.Health);

        Assert.Equal(before, await StorageSnapshot.TakeAsync(tables));
    }
}
