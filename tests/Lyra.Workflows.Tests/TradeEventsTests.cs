using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Monitoring.Alerts;
using Lyra.Monitoring.Events;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Workflows.Tests;

/// <summary>With events on, the steps that change state write their trade events to the outbox, once each.</summary>
public sealed class TradeEventsTests
{
    private static Task<FlowHarness> StartAsync(bool events) => FlowHarness.StartAsync(
        s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); },
        new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b", ["Lyra:Events:Outbox"] = events ? "true" : "false" });

    [Fact]
    public async Task A_buy_decision_writes_its_finish_the_order_placed_and_filled_and_the_position_opened()
    {
        await using var h = await StartAsync(events: true);
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        var input = FlowHarness.Input(candles[^1], TradeAction.Buy);
        var result = await h.RunAsync(input);
        Assert.Equal(Orchestration.DecisionStatus.Executed, result.Status);
        await h.Get<IAlertStore>().RaiseAsync(AlertKinds.DrawdownBreaker, "test");

        var pending = await h.Get<IEventOutbox>().ListPendingAsync(100);
        Assert.Equal([TradeEventTypes.AlertRaised, TradeEventTypes.DecisionFinished, TradeEventTypes.OrderFilled, TradeEventTypes.OrderPlaced, TradeEventTypes.PositionOpened],
            pending.Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.All(pending.Where(e => e.Type != TradeEventTypes.AlertRaised), e => Assert.Equal(FlowHarness.Btc.Key, e.MarketKey));
        var finished = pending.Single(e => e.Type == TradeEventTypes.DecisionFinished);
        Assert.Equal("decision.finished:" + result.DecisionId, finished.Id);
        Assert.Contains("\"status\":\"executed\"", finished.Data, StringComparison.Ordinal);
        Assert.Contains(result.ClientOrderId!, pending.Single(e => e.Type == TradeEventTypes.OrderFilled).Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_events_off_nothing_is_written()
    {
        await using var h = await StartAsync(events: false);
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Empty(await h.Get<IEventOutbox>().ListPendingAsync(100));
    }
}
