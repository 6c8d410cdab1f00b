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

    [Fact]
    public async Task Alerts_are_listed_with_severity_and_filters_and_an_acknowledgement_is_audited()
    {
        await using var h = await ApiHarness.StartAsync();
        var store = h.Get<Lyra.Monitoring.Alerts.IAlertStore>();
        await store.RaiseAsync(Lyra.Monitoring.Alerts.AlertKinds.DrawdownBreaker, "drawdown 21 % ≥ 20 %: trading stopped");
        await store.RaiseAsync(Lyra.Monitoring.Alerts.AlertKinds.ExchangeDown, "gateio: timeout", "gateio");
        await store.RaiseAsync(Lyra.Monitoring.Alerts.AlertKinds.ExchangeDown, "gateio: timeout again", "gateio");

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlerts);
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal((1, 1), (data.GetProperty("open_critical").GetInt32(), data.GetProperty("open_warning").GetInt32()));
        var down = data.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "exchange_down");
        Assert.Equal((2, "warning", "gateio: timeout again", true), (down.GetProperty("count").GetInt32(), down.GetProperty("severity").GetString(),
            down.GetProperty("message").GetString(), down.GetProperty("open").GetBoolean()));
        Assert.Contains("order_stuck", data.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));

        var id = down.GetProperty("id").GetString();
        var (ackStatus, ack) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlertAck, body: "{\"by\":\"ana\"}", id: id);
        Assert.Equal(200, ackStatus);
        Assert.Equal("ana", ack.GetProperty("data").GetProperty("acknowledged_by").GetString());
        var (_, open) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlerts, "?open=true");
        Assert.Equal(["drawdown_breaker"], open.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        var (_, kind) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlerts, "?kind=exchange_down");
        Assert.Single(kind.GetProperty("data").GetProperty("alerts").EnumerateArray());

        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlertAck, id: "no-such-alert")).Status);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringAlerts, "?kind=volcano")).Status);
        var (_, audit) = await ApiCall.InvokeAsync(h, ApiRoutes.SecurityAudit, "?kind=control");
        Assert.Contains(audit.GetProperty("data").GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "MonitoringAlertAck" && e.GetProperty("target").GetString() == id && e.GetProperty("outcome").GetString() == "done");
    }

    [Fact]
    public async Task Metrics_show_api_exchange_and_voter_latency_and_the_signal_to_order_time_of_a_real_decision()
    {
        await using var h = await ApiHarness.StartAsync(
            s => { s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("m1", 0.9)); s.AddSingleton<Lyra.Ai.Voting.IVoter>(new FollowerVoter("m2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "m1", ["Lyra:Trading:Voters:1"] = "m2" });
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        for (var i = 0; i < 3; i++) Assert.Equal(200, (await ApiCall.InvokeAsync(h, ApiRoutes.Status)).Status);
        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.Decision, id: "nope")).Status);

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.MonitoringMetrics);
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        var statusRoute = data.GetProperty("api_by_route").GetProperty("Status");
        Assert.True(statusRoute.GetProperty("total").GetInt64() >= 3);
        Assert.True(statusRoute.GetProperty("p95_ms").GetDouble() >= statusRoute.GetProperty("p50_ms").GetDouble());
        Assert.Equal(0, data.GetProperty("api_by_route").GetProperty("GetDecision").GetProperty("failures").GetInt32()); // a 404 is no failure
        Assert.True(data.GetProperty("voters").TryGetProperty("m1", out var m1) && m1.GetProperty("total").GetInt64() >= 1, data.GetRawText());
        Assert.True(data.GetProperty("exchange").GetProperty("total").GetInt64() >= 1);
        var toOrder = data.GetProperty("signal_to_order");
        Assert.Equal(1, toOrder.GetProperty("window").GetInt32());
        Assert.True(toOrder.GetProperty("p50_ms").GetDouble() >= 0);
        Assert.Equal((0, 0L), (data.GetProperty("queue_backlog").GetInt32(), data.GetProperty("flows_running").GetInt64()));
    }
}
