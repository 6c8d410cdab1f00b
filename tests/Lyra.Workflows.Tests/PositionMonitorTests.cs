using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;
using Lyra.Testing;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing.Voters;
using Lyra.Core.Journals;
using Lyra.Risk.Portfolio;

namespace Lyra.Workflows.Tests;

/// <summary>The durable position monitor on the in-process host: trailing stops kept up to date, exits exactly once, hand-over to the strategy.</summary>
public sealed class PositionMonitorTests
{
    private static readonly List<decimal> Base = [.. Enumerable.Range(0, 60).Select(i => 100m + (i * 0.1m))];

    private static Task<FlowHarness> StartAsync(int heartbeatSeconds = 300) =>
        FlowHarness.StartAsync(s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); },
            new Dictionary<string, string?>
            {
                ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b",
                ["Lyra:Risk:Stops:Method"] = "fixed", ["Lyra:Risk:Stops:StopPercent"] = "2", ["Lyra:Risk:Stops:TakeProfitR"] = "0",
                ["Lyra:Risk:Stops:Trailing"] = "true", ["Lyra:Risk:Stops:MonitorHeartbeatSeconds"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

    /// <summary>Stores the candles with these closes after the base series and returns all candles.</summary>
    private static async Task<IReadOnlyList<Candle>> ExtendAsync(FlowHarness h, params decimal[] closes)
    {
        var all = TestCandles.FromCloses([.. Base, .. closes]);
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, all);
        return all;
    }

    /// <summary>Tells the position about the newest candle (the stop check runs inline; an exit wakes the monitor).</summary>
    private static async Task<string> TickAsync(FlowHarness h, Candle candle)
    {
        var id = await h.Get<PositionMonitors>().NotifyAsync(FlowHarness.Btc.Key, candle.OpenTime, h.Flows);
        Assert.NotNull(id);
        return id;
    }

    [Fact]
    public async Task The_monitor_trails_the_stop_up_and_sells_once_when_it_is_hit()
    {
        await using var h = await StartAsync();
        var seeded = await h.SeedAsync(Base);
        var buy = await h.RunAsync(FlowHarness.Input(seeded[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, buy.Status);
        var entry = (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key);
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(buy.DecisionId);
        var plan = journal!.Risk!.Stops!;
        Assert.Equal(("fixed", Math.Round(seeded[^1].Close * 0.02m, 10)), (plan.Method, plan.Distance)); // 2 % of the price the gate saw
        Assert.Equal(entry.AveragePrice - plan.Distance, entry.Stops!.Stop); // attached at the fill price
        Assert.Contains($"stop {entry.Stops.Stop}", journal.Steps.Single(s => s.Step == "position").Detail, StringComparison.Ordinal);

        // Two new highs: the stop follows at 2 % (of the entry) below the highest high.
        var up = await ExtendAsync(h, 107m, 110m);
        await TickAsync(h, up[^1]);
        var raised = (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key).Stops!;
        Assert.Equal(up[^1].High, raised.Highest);
        Assert.Equal(Math.Round(up[^1].High - raised.TrailingDistance, 10), raised.Stop);
        Assert.True(raised.Stop > entry.Stops.Stop);

        // A drop through the trailing stop: the monitor sells the whole position, once.
        var down = await ExtendAsync(h, 107m, 110m, 104m);
        var id = await TickAsync(h, down[^1]);
        var meta = await h.Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var result = meta.ReadOutputAs<MonitorResult>()!;
        Assert.Equal("exit", result.Outcome);
        var sells = (await h.Get<IOrderStore>().ListAsync(null, 10)).Where(o => o.Side == TradeAction.Sell).ToList();
        var sell = Assert.Single(sells);
        Assert.Equal((OrderStatus.Filled, entry.Quantity), (sell.Status, sell.FilledQuantity));
        Assert.Equal(0m, (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key).Quantity);
        var exit = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.ExitDecisionId!);
        Assert.Equal(("risk:trailing_stop", DecisionStatus.Executed, down[^1].OpenTime), (exit!.Signal.Strategy, exit.Status, exit.Signal.CandleTime));
        Assert.Contains("reached the trailing stop", exit.Signal.Reason, StringComparison.Ordinal);
        Assert.Equal(buy.DecisionId, Assert.Single(await h.Get<IPortfolioStore>().ListTradesAsync(10)).EntryDecisionId);
        Assert.True((await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync()).Intact);
        Assert.Null(await h.Get<PositionMonitors>().NotifyAsync(FlowHarness.Btc.Key, down[^1].OpenTime, h.Flows)); // nothing left to watch
    }

    [Fact]
    public async Task A_stop_hit_on_the_candle_of_a_strategy_sell_waits_for_the_strategy_and_a_position_closed_elsewhere_ends_the_monitor()
    {
        await using var h = await StartAsync(heartbeatSeconds: 5);
        var seeded = await h.SeedAsync(Base);
        await h.RunAsync(FlowHarness.Input(seeded[^1], TradeAction.Buy));
        var first = await ExtendAsync(h, 106m);
        var id = await TickAsync(h, first[^1]);

        // The strategy signals a sell on the very candle that breaks the stop: the monitor leaves it to the strategy's flow.
        var crash = await ExtendAsync(h, 106m, 95m);
        await h.Get<ISignalStore>().SaveAsync(new Signal("sma-cross", FlowHarness.Btc.Key, crash[^1].OpenTime, TradeAction.Sell, 95m, "cross down"));
        await TickAsync(h, crash[^1]);
        Assert.DoesNotContain(await h.Get<IOrderStore>().ListAsync(null, 10), o => o.Side == TradeAction.Sell);
        var waiting = (await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key);
        Assert.True(waiting.Quantity > 0);
        Assert.True(waiting.CheckedThrough < crash[^1].OpenTime); // the breaking candle is left for the next check

        var sell = await h.RunAsync(FlowHarness.Input(crash[^1], TradeAction.Sell));
        Assert.Equal(DecisionStatus.Executed, sell.Status);
        // Nothing to notify any more; the monitor finds the position gone at its heartbeat and ends.
        Assert.Null(await h.Get<PositionMonitors>().NotifyAsync(FlowHarness.Btc.Key, crash[^1].OpenTime, h.Flows));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meta = await h.Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal("closed", meta.ReadOutputAs<MonitorResult>()!.Outcome);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10), o => o.Side == TradeAction.Sell);
    }

    [Fact]
    public async Task Without_the_strategy_selling_the_deferred_stop_exits_at_the_next_check()
    {
        await using var h = await StartAsync();
        var seeded = await h.SeedAsync(Base);
        await h.RunAsync(FlowHarness.Input(seeded[^1], TradeAction.Buy));
        var crash = await ExtendAsync(h, 95m);
        await h.Get<ISignalStore>().SaveAsync(new Signal("sma-cross", FlowHarness.Btc.Key, crash[^1].OpenTime, TradeAction.Sell, 95m, "cross down"));
        var id = await TickAsync(h, crash[^1]);
        Assert.True((await h.Get<IPortfolioStore>().GetAsync()).Position(FlowHarness.Btc.Key).Quantity > 0);

        var next = await ExtendAsync(h, 95m, 96m); // the strategy's flow never sold (say its consensus held)
        await TickAsync(h, next[^1]);
        var meta = await h.Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var result = meta.ReadOutputAs<MonitorResult>()!;
        Assert.Equal("exit", result.Outcome);
        var exit = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.ExitDecisionId!);
        Assert.Equal(("risk:stop_loss", crash[^1].OpenTime), (exit!.Signal.Strategy, exit.Signal.CandleTime)); // fired on the breaking candle
    }
}
