using Lyra.Ai.Costs;
using Lyra.Core.Health;
using Lyra.Core.Trading;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Venues;
using Lyra.Monitoring.Alerts;
using Lyra.Testing;
using Lyra.Workflows.Application;

namespace Lyra.Workflows.Tests;

/// <summary>The alert monitor over real storage: probes, the AI cost ledger and the order ledger become alerts, each raised once while open.</summary>
public sealed class AlertMonitorTests
{
    [Fact]
    public async Task Probes_a_spent_budget_and_a_stuck_market_order_raise_their_alerts_once()
    {
        await using var h = await FlowHarness.StartAsync(settings: new Dictionary<string, string?> { ["Lyra:Ai:DailyBudgetUsd"] = "0.01" });
        await h.Get<CostManager>().RecordAsync("openai/gpt-4o-mini", 0.02m, 1000, 100);
        var intents = h.Get<IOrderIntentStore>();
        var old = DateTimeOffset.UtcNow.AddMinutes(-20);
        await intents.AddAsync(new OrderIntent("lyra-stuck-1", "gateio", "t-lyra-stuck-1", "gateio:BTC_USDT:1m", "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.01m, null, old,
            OrderIntentState.Unknown, Sends: 1, LastError: "timeout"));
        await intents.AddAsync(new OrderIntent("lyra-resting-1", "gateio", "t-lyra-resting-1", "gateio:BTC_USDT:1m", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 90m, old,
            OrderIntentState.Placed)); // a resting limit order is not stuck
        IHealthProbe[] probes =
        [
            new FixedProbe("market_data", ModuleHealth.Degraded, "stale: replay:BTCUSDT:1m"),
            new FixedProbe("ai_voters", ModuleHealth.Healthy, "3 of 3 working"),
            new FixedProbe("exchange:gateio", ModuleHealth.Unhealthy, "gateio does not answer"),
            new FixedProbe("exchange:okx", ModuleHealth.Degraded, "slow"), // degraded is not down
        ];
        var monitor = new AlertMonitor(probes, h.Get<CostManager>(), intents, h.Get<IAlertStore>(), TimeProvider.System);

        Assert.Equal(4, await monitor.CheckAsync());
        var alerts = await h.Get<IAlertStore>().ListAsync(20);
        Assert.Equal([AlertKinds.AiBudgetReached, AlertKinds.ExchangeDown, AlertKinds.OrderStuck, AlertKinds.StaleMarketData], alerts.Select(a => a.Kind).Order(StringComparer.Ordinal));
        Assert.Equal("exchange:gateio", alerts.Single(a => a.Kind == AlertKinds.ExchangeDown).Subject);
        Assert.StartsWith("market order lyra-stuck-1 on gateio (Buy 0.01 BTC/USDT) unresolved for 20 min", alerts.Single(a => a.Kind == AlertKinds.OrderStuck).Message, StringComparison.Ordinal);
        Assert.Contains("daily AI budget of US$ 0.01 is used up", alerts.Single(a => a.Kind == AlertKinds.AiBudgetReached).Message, StringComparison.Ordinal);

        // The next minute finds the same: counted on the open alerts, nothing new.
        Assert.Equal(0, await monitor.CheckAsync());
        Assert.All(await h.Get<IAlertStore>().ListAsync(20), a => Assert.Equal(2, a.Count));
    }

    private sealed class FixedProbe(string module, string status, string detail) : IHealthProbe
    {
        public string Module => module;

        public Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default) => Task.FromResult(new ModuleHealth(module, status, detail, 1));
    }
}
