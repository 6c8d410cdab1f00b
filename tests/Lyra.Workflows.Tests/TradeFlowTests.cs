using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Gate;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Lyra.Testing.Voters;
using Lyra.Risk.KillSwitch;
using Lyra.Core.Journals;
using Lyra.Risk.Portfolio;
using Lyra.Monitoring.Alerts;

namespace Lyra.Workflows.Tests;

/// <summary>TradeFlow scenarios on the in-process durable host with real stores on Azurite.</summary>
public sealed class TradeFlowTests
{
    private static readonly IReadOnlyList<decimal> Closes = Enumerable.Range(0, 120).Select(i => 100m + (i * 0.1m)).ToList();

    private static Dictionary<string, string?> Panel(params string[] names)
    {
        var d = new Dictionary<string, string?>();
        for (var i = 0; i < names.Length; i++) d[$"Lyra:Trading:Voters:{i}"] = names[i];
        return d;
    }

    private static Action<IServiceCollection> Voters(params IVoter[] voters) => s => { foreach (var v in voters) s.AddSingleton(v); };

    [Fact]
    public async Task Approved_buy_places_one_order_records_the_position_and_the_full_journal()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Buy, 0.9), new ScriptedVoter("b", TradeAction.Buy, 0.7), new ScriptedVoter("c", TradeAction.Hold, 0.2)), Panel("a", "b", "c"));
        var candles = await h.SeedAsync(Closes);
        var input = FlowHarness.Input(candles[^1], TradeAction.Buy);

        var result = await h.RunAsync(input);

        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.NotNull(result.ClientOrderId);
        var orders = await h.Get<IOrderStore>().ListAsync(null, 10);
        var order = Assert.Single(orders);
        Assert.Equal((OrderStatus.Filled, TradeAction.Buy, result.ClientOrderId), (order.Status, order.Side, order.ClientOrderId));
        // 10 % of 10,000 equity at the last close 111.9 → 8.93655 units (step 0.00001), filled 5 bps higher.
        Assert.Equal(8.93655m, order.FilledQuantity);
        Assert.Equal(Math.Round(111.9m * 1.0005m, 8), order.AveragePrice);
        var position = Assert.Single((await h.Get<IPortfolioStore>().GetAsync()).Positions.Values);
        Assert.Equal(8.93655m, position.Quantity);
        var account = (await h.Get<IPortfolioStore>().GetAsync()).Account;
        Assert.Equal(10_000m - (order.FilledQuantity * order.AveragePrice) - order.Fee, account.Cash);

        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(input.SignalId);
        Assert.NotNull(journal);
        Assert.Equal(DecisionStatus.Executed, journal.Status);
        Assert.Equal(3, journal.Votes.Count);
        Assert.Equal(TradeAction.Buy, journal.Consensus!.Action);
        Assert.Equal(1.6 / 1.8, journal.Consensus.Agreement, 9);
        Assert.Equal(RiskVerdict.Approve, journal.Risk!.Verdict);
        Assert.Equal(order.ClientOrderId, journal.Order!.ClientOrderId);
        Assert.Equal(["signal", "context", "consensus", "risk", "order", "position"], journal.Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task Consensus_hold_ends_the_flow_without_an_order_and_records_why()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Buy, 0.5), new ScriptedVoter("b", TradeAction.Sell, 0.5)), Panel("a", "b"));
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Rejected, result.Status);
        Assert.Equal([TradeFlowOrchestrator.Reasons.ConsensusHold], result.Reasons);
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Contains("tie", journal!.Consensus!.Reason, StringComparison.Ordinal);
        Assert.Null(journal.Risk);
    }

    [Fact]
    public async Task Risk_rejection_ends_the_flow_with_the_rule_that_failed()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Sell, 0.9), new ScriptedVoter("b", TradeAction.Sell, 0.9)), Panel("a", "b"));
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Sell));
        Assert.Equal(DecisionStatus.Rejected, result.Status);
        Assert.Equal([RiskGate.Rules.NoPosition], result.Reasons);
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Contains(journal!.Risk!.Checks, c => c.Rule == RiskGate.Rules.NoPosition && !c.Passed);
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task Kill_switch_blocks_the_order_at_the_risk_gate()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Buy, 0.9), new ScriptedVoter("b", TradeAction.Buy, 0.9)), Panel("a", "b"));
        var candles = await h.SeedAsync(Closes);
        await h.Get<ITradingStateStore>().SetAsync(false, "test stop");
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Rejected, result.Status);
        Assert.Equal([RiskGate.Rules.KillSwitch], result.Reasons);
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task A_failing_exchange_call_is_retried_and_fills_exactly_once()
    {
        FlakyExchange? flaky = null;
        await using var h = await FlowHarness.StartAsync(s =>
        {
            s.AddSingleton<IVoter>(new ScriptedVoter("a", TradeAction.Buy, 0.9));
            s.AddSingleton<IVoter>(new ScriptedVoter("b", TradeAction.Buy, 0.9));
            s.AddSingleton<IExchange>(sp => flaky = new FlakyExchange(
                new PaperExchange(sp.GetRequiredService<IPriceSource>(), sp.GetRequiredService<IOptions<PaperExchangeOptions>>().Value, TimeProvider.System, sp.GetRequiredService<IPaperOrderLedger>()), failFirst: 2));
        }, Panel("a", "b"));
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal(3, flaky!.Placements);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task An_exchange_that_keeps_failing_ends_the_flow_as_failed_with_the_reason()
    {
        await using var h = await FlowHarness.StartAsync(s =>
        {
            s.AddSingleton<IVoter>(new ScriptedVoter("a", TradeAction.Buy, 0.9));
            s.AddSingleton<IVoter>(new ScriptedVoter("b", TradeAction.Buy, 0.9));
            s.AddSingleton<IExchange>(sp => new FlakyExchange(new PaperExchange(sp.GetRequiredService<IPriceSource>(), new PaperExchangeOptions(), TimeProvider.System, sp.GetRequiredService<IPaperOrderLedger>()), failFirst: 100));
        }, new Dictionary<string, string?>(Panel("a", "b")) { ["Lyra:Trading:ActivityMaxAttempts"] = "2" });
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Failed, result.Status);
        Assert.Equal([TradeFlowOrchestrator.Reasons.OrderFailed], result.Reasons);
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Contains("connection reset", journal!.Steps[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_voter_that_keeps_failing_abstains_and_the_quorum_of_the_rest_decides()
    {
        var broken = new ScriptedVoter("broken", TradeAction.Sell, 1, failFirst: 100);
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Buy, 0.8), new ScriptedVoter("b", TradeAction.Buy, 0.6), broken),
            new Dictionary<string, string?>(Panel("a", "b", "broken")) { ["Lyra:Trading:ActivityMaxAttempts"] = "2" });
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal(2, broken.Calls);
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        var abstention = Assert.Single(journal!.Votes, v => v.Abstained);
        Assert.Equal("broken", abstention.Voter);
        Assert.Contains("unreachable", abstention.Rationale, StringComparison.Ordinal);
        Assert.Equal(2, journal.Consensus!.Counted);
    }

    [Fact]
    public async Task Starting_a_finished_signal_again_starts_nothing_and_places_no_second_order()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new ScriptedVoter("a", TradeAction.Buy, 0.9), new ScriptedVoter("b", TradeAction.Buy, 0.9)), Panel("a", "b"));
        var candles = await h.SeedAsync(Closes);
        var input = FlowHarness.Input(candles[^1], TradeAction.Buy);
        await h.RunAsync(input);
        Assert.False(await h.Flows.StartTradeFlowAsync(input));
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.Equal(8.93655m, Assert.Single((await h.Get<IPortfolioStore>().GetAsync()).Positions.Values).Quantity);
    }

    [Fact]
    public async Task Buy_then_sell_realizes_the_pnl_after_fees()
    {
        await using var h = await FlowHarness.StartAsync(Voters(new FollowerVoter("f1", 0.9), new FollowerVoter("f2", 0.8)), Panel("f1", "f2"));
        var candles = await h.SeedAsync(Closes.Take(100).ToList());
        Assert.Equal(DecisionStatus.Executed, (await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy))).Status);
        // The price rises 2 % on the next candle, then the strategy says sell.
        var more = await h.SeedAsync(Closes.Take(100).Append(Math.Round(Closes[99] * 1.02m, 4)).ToList());
        var sell = await h.RunAsync(FlowHarness.Input(more[^1], TradeAction.Sell));
        Assert.Equal(DecisionStatus.Executed, sell.Status);

        var orders = (await h.Get<IOrderStore>().ListAsync(null, 10)).OrderBy(o => o.Side).ToList();
        var (b, s) = (orders[0], orders[1]);
        Assert.Equal((TradeAction.Buy, TradeAction.Sell), (b.Side, s.Side));
        Assert.Equal(b.FilledQuantity, s.FilledQuantity);
        var expected = (s.FilledQuantity * (s.AveragePrice - b.AveragePrice)) - b.Fee - s.Fee;
        var account = (await h.Get<IPortfolioStore>().GetAsync()).Account;
        Assert.Equal(expected, account.RealizedPnl);
        Assert.Equal(10_000m + expected, account.Cash);
        Assert.Equal(b.Fee + s.Fee, account.FeesPaid);
        Assert.True(expected > 0);
        Assert.Equal(0m, Assert.Single((await h.Get<IPortfolioStore>().GetAsync()).Positions.Values).Quantity);
    }

    [Fact]
    public async Task The_three_offline_analysts_vote_with_rationales_in_the_journal()
    {
        await using var h = await FlowHarness.StartAsync();
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Equal(["trend", "mean-reversion", "volatility-regime"], journal!.Votes.Select(v => v.Voter));
        Assert.All(journal.Votes, v => Assert.False(string.IsNullOrWhiteSpace(v.Rationale)));
        Assert.Equal(TradeAction.Buy, journal.Votes[0].Action); // a steady rise: the trend analyst buys
        Assert.NotEqual(DecisionStatus.Running, journal.Status);
    }
}

/// <summary>The drawdown circuit breaker across flows.</summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task A_deep_drawdown_trips_the_breaker_raises_an_alert_and_blocks_the_next_flow()
    {
        await using var h = await FlowHarness.StartAsync(s =>
        {
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Ai.Voting.IVoter>(s, new FollowerVoter("f1", 0.9));
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Ai.Voting.IVoter>(s, new FollowerVoter("f2", 0.9));
        }, new Dictionary<string, string?>
        {
            ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2",
            ["Lyra:Risk:MaxPositionPercent"] = "90", ["Lyra:Risk:MaxDrawdownPercent"] = "3",
        });
        var closes = Enumerable.Range(0, 60).Select(i => 100m + (i * 0.01m)).ToList();
        var candles = await h.SeedAsync(closes);
        Assert.Equal(DecisionStatus.Executed, (await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy))).Status);

        // The price falls 6 %: with 90 % invested, equity is down about 5.4 % from its peak.
        var crash = await h.SeedAsync(closes.Append(closes[^1] * 0.94m).ToList());
        var tripped = await h.RunAsync(FlowHarness.Input(crash[^1], TradeAction.Sell));
        Assert.Equal((DecisionStatus.Rejected, RiskGate.Rules.MaxDrawdown), (tripped.Status, tripped.Reasons[0]));
        var state = await h.Get<ITradingStateStore>().GetAsync(true);
        Assert.False(state.Enabled);
        Assert.StartsWith("drawdown circuit breaker", state.Reason, StringComparison.Ordinal);
        Assert.Equal("drawdown_breaker", Assert.Single(await h.Get<IAlertStore>().ListAsync(10)).Kind);

        var blocked = await h.RunAsync(FlowHarness.Input(crash[^2], TradeAction.Sell) with { SignalId = "tf-after-breaker" });
        Assert.Equal(RiskGate.Rules.KillSwitch, blocked.Reasons[0]);
    }
}
