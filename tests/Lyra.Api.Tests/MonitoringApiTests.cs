using Lyra.Api.Routing;
using Lyra.Core.Trading;
using Lyra.Risk.Portfolio;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>GET /api/monitoring/analytics over real decisions: a buy and a sell through the durable flow make one closed trade.</summary>
public sealed class MonitoringApiTests
{
    [Fact]
    public async Task A_round_trip_is_attributed_to_its_strategy_and_measured()
    {
        await using var h = await ApiHarness.StartAsync(
            s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" });
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        await h.RunAsync(FlowHarness.Input(candles[^2], TradeAction.Buy));
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Sell));
        var closed = Assert.Single(await h.Get<IPortfolioStore>().ListTradesAsync(10));

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAnalytics);
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        var all = data.GetProperty("overall");
        Assert.Equal(1, all.GetProperty("trades").GetInt32());
        Assert.Equal(closed.Pnl, all.GetProperty("realized_pnl").GetDecimal());
        var strategy = Assert.Single(data.GetProperty("by_strategy").EnumerateArray());
        Assert.Equal("sma-cross", strategy.GetProperty("name").GetString());
        Assert.Equal(FlowHarness.Btc.Key, Assert.Single(data.GetProperty("by_market").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(closed.Pnl > 0 ? 100.0 : 0.0, all.GetProperty("win_rate_pct").GetDouble());
        Assert.Contains("backtester statistics", data.GetProperty("method").GetString(), StringComparison.Ordinal);

        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAnalytics, "?limit=0")).Status);
    }
}
