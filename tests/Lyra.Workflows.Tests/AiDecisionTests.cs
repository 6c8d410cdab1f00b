using System.Text.Json;
using Lyra.Ai.Costs;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing.Voters;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Data.Candles;
using Lyra.Risk.Portfolio;
using Lyra.Ai.Performance;

namespace Lyra.Workflows.Tests;

/// <summary>TradeFlow's AI step: budgets, costs and prompt in the journal, and weights that learn from trade outcomes.</summary>
public sealed class AiDecisionTests
{
    private static readonly IReadOnlyList<decimal> Rising = Enumerable.Range(0, 80).Select(i => 100m + (i * 0.3m)).ToList();

    [Fact]
    public async Task With_the_budget_used_up_the_paid_voter_is_not_asked_and_the_decision_says_so()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = server.PanelSettings("llm:acme/alpha", "a", "b");
        settings["Lyra:Ai:DailyBudgetUsd"] = "0.001";
        await using var h = await FlowHarness.StartAsync(s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.8)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.8)); }, settings);
        await h.Get<CostManager>().RecordAsync("acme/alpha", 0.0012m, 5000, 500); // spent earlier today
        var candles = await h.SeedAsync(Rising);

        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));

        Assert.Equal(DecisionStatus.Executed, result.Status); // the free voters still reach the quorum
        Assert.Empty(server.Requests);
        var journal = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId))!;
        var skipped = Assert.Single(journal.Votes, v => v.Abstained);
        Assert.Equal("llm:acme/alpha", skipped.Voter);
        Assert.StartsWith("budget: total daily budget $0.001 reached (spent $0.0012 in ", skipped.Rationale, StringComparison.Ordinal);
        var panel = Assert.Single(journal.Steps, s => s.Step == "panel");
        Assert.Contains("llm:acme/alpha not asked (budget: total daily budget $0.001 reached", panel.Detail, StringComparison.Ordinal);
        Assert.Equal(0m, journal.AiCostUsd);
        // A deliberate skip is not a failure of the model.
        var stats = (await h.Get<IVoterPerformanceStore>().GetAllAsync())["llm:acme/alpha"];
        Assert.Equal((1L, 0L, 0L, 1L), (stats.Calls, stats.Answered, stats.Errors, stats.Skipped));
    }

    [Fact]
    public async Task The_journal_shows_the_prompt_each_models_cost_and_how_the_models_were_chosen()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = FakeOpenAiServer.Reply.Vote("buy", 0.9);
        await using var h = await FlowHarness.StartAsync(null, server.PanelSettings("llm:acme/alpha", "trend"));
        var candles = await h.SeedAsync(Rising);

        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));

        var journal = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId))!;
        Assert.Equal(DecisionStatus.Executed, journal.Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal(journal.Prompt, request.Messages[1]); // exactly what the model read
        Assert.Contains("Indicators on the last candle: ", journal.Prompt, StringComparison.Ordinal);
        Assert.Contains("rsi_14 100", journal.Prompt, StringComparison.Ordinal); // a steady rise
        var llm = journal.Votes.Single(v => v.Voter == "llm:acme/alpha");
        Assert.Equal(("acme/alpha", (120m * 1m / 1_000_000m) + (30m * 2m / 1_000_000m)), (llm.Model, llm.CostUsd));
        Assert.Equal(llm.CostUsd, journal.AiCostUsd);
        Assert.Equal(Ai.Voting.VotePrompt.Hash(request.Messages[0], request.Messages[1]), llm.PromptHash);
        var choice = Assert.Single(journal.ModelSelection!);
        Assert.Equal(("acme/alpha", true, 1), (choice.Model, choice.Selected, choice.Rank));
        Assert.Equal(2, journal.Consensus!.Tally!.Count);
        var spent = (await h.Get<CostManager>().ReportAsync()).Today;
        Assert.Equal(llm.CostUsd, spent.TotalUsd);
    }

    [Fact]
    public async Task A_closed_trade_scores_the_entry_votes_and_the_next_decision_weighs_voters_by_that_record()
    {
        var contrarian = new ScriptedVoter("contra", TradeAction.Sell, 0.3);
        await using var h = await FlowHarness.StartAsync(s =>
        {
            s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9));
            s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9));
            s.AddSingleton<IVoter>(contrarian);
        }, new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b", ["Lyra:Trading:Voters:2"] = "contra" });
        var candles = await h.SeedAsync(Rising);
        var buy = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, buy.Status);

        // The price rises 10 %, then the strategy sells: a profitable trade.
        var later = TestCandles.FromCloses([.. Rising, .. Enumerable.Range(1, 10).Select(i => Rising[^1] * (1 + (i * 0.01m)))]);
        await h.Get<ICandleStore>().UpsertAsync(FlowHarness.Btc, later);
        var sell = await h.RunAsync(FlowHarness.Input(later[^1], TradeAction.Sell));
        Assert.Equal(DecisionStatus.Executed, sell.Status);
        var trade = Assert.Single(await h.Get<IPortfolioStore>().ListTradesAsync(10));
        Assert.Equal(buy.DecisionId, trade.EntryDecisionId);
        Assert.True(trade.Pnl > 0);

        var stats = await h.Get<IVoterPerformanceStore>().GetAllAsync();
        Assert.Equal((1L, 1L), (stats["a"].ScoredTrades, stats["a"].Hits));
        Assert.Equal((1L, 0L), (stats["contra"].ScoredTrades, stats["contra"].Hits)); // said sell before a winning trade
        Assert.Equal((2L, 2L), (stats["a"].Calls, stats["a"].Answered)); // (latency of an in-memory voter may round to 0 ms: measured in AiApiTests)

        // Re-applying the exit (a retried activity) scores nothing twice.
        var exit = (await h.Get<IOrderStore>().ListAsync(null, 10)).Single(o => o.Side == TradeAction.Sell);
        var again = await h.Get<IPortfolioStore>().ApplyFillAsync(new Fill(exit.ClientOrderId, exit.MarketKey, exit.Side, exit.FilledQuantity, exit.AveragePrice, exit.Fee, exit.Time),
            new FillOrigin(sell.DecisionId, later[^1].OpenTime));
        await h.Get<IVoterPerformanceStore>().RecordOutcomeAsync(again.Closed!.EntryDecisionId, (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(buy.DecisionId))!.Votes, true);
        Assert.Equal(1L, (await h.Get<IVoterPerformanceStore>().GetAllAsync())["a"].ScoredTrades);

        var next = await h.RunAsync(FlowHarness.Input(later[^2], TradeAction.Buy, strategy: "other"));
        var tally = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(next.DecisionId))!.Consensus!.Tally!;
        Assert.Equal(2 * 2 / 3.0, tally.Single(t => t.Voter == "a").Weight, 4);
        Assert.Equal(2 * 1 / 3.0, tally.Single(t => t.Voter == "contra").Weight, 4);
    }
}
