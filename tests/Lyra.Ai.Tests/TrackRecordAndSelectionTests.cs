using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Testing;

namespace Lyra.Ai.Tests;

/// <summary>Learned weights, calibration, the calibrated consensus arithmetic, model selection and the provider's model list.</summary>
public sealed class TrackRecordAndSelectionTests
{
    [Fact]
    public void Weights_follow_smoothed_accuracy_and_stay_within_the_engine_bounds()
    {
        Assert.Equal(1.0, TrackRecord.Weight(0, 0), 12); // unknown voter: neutral
        Assert.Equal(2 * (9 + 1) / 12.0, TrackRecord.Weight(9, 10), 12);
        Assert.Equal(2 * 1 / 12.0, TrackRecord.Weight(0, 10), 12);
        Assert.Equal(ConsensusEngine.MinWeight, TrackRecord.Weight(0, 1000), 12);
        Assert.True(TrackRecord.Weight(1000, 1000) <= ConsensusEngine.MaxWeight);
        // One lucky trade moves a new voter only a little.
        Assert.Equal(2 * 2 / 3.0, TrackRecord.Weight(1, 1), 12);
    }

    [Fact]
    public void Calibration_scales_an_overconfident_voter_down_only_once_enough_trades_are_scored()
    {
        // Says 0.9 every time but is right 6 times out of 10.
        Assert.Equal(1.0, TrackRecord.Calibration(2, 4, 3.6, minTrades: 5), 12);
        Assert.Equal((7 / 12.0) / 0.9, TrackRecord.Calibration(6, 10, 9.0, minTrades: 5), 12);
        Assert.Equal(TrackRecord.MinCalibration, TrackRecord.Calibration(1, 10, 9.0, minTrades: 5), 12); // bounded
        Assert.Equal(TrackRecord.MaxCalibration, TrackRecord.Calibration(10, 10, 1.0, 5), 12); // says 0.1, always right
    }

    [Fact]
    public void The_tally_records_each_votes_weight_calibration_and_score_and_calibration_can_change_the_outcome()
    {
        var votes = new[] { new Vote("bold", TradeAction.Buy, 0.9, "1h", "x"), new Vote("calm", TradeAction.Sell, 0.6, "1h", "y"), Vote.Abstain("late", "no answer within 30 s") };
        var plain = ConsensusEngine.Decide(votes, new ConsensusOptions { Quorum = 2 });
        Assert.Equal(TradeAction.Buy, plain.Action);

        var calibrated = ConsensusEngine.Decide(votes, new ConsensusOptions
        {
            Quorum = 2,
            Weights = new(StringComparer.Ordinal) { ["calm"] = 1.5 },
            Calibration = new(StringComparer.Ordinal) { ["bold"] = 0.5 },
        });
        Assert.Equal(TradeAction.Sell, calibrated.Action);
        Assert.Equal(0.45, calibrated.BuyScore, 9);
        Assert.Equal(0.9, calibrated.SellScore, 9);
        var tally = calibrated.Tally!;
        Assert.Equal(3, tally.Count);
        Assert.Equal(new VoteTally("bold", TradeAction.Buy, 0.9, 0.5, 1.0, 0.45, true), tally[0]);
        Assert.Equal(new VoteTally("calm", TradeAction.Sell, 0.6, 1.0, 1.5, 0.9, true), tally[1]);
        Assert.Equal(new VoteTally("late", TradeAction.Hold, 0, 1.0, 1.0, 0, false), tally[2]);
    }

    private static ModelCandidate Candidate(string id, decimal promptPerM, decimal completionPerM, VoterStats? stats = null, int context = 8192) =>
        new(id, new ModelInfo(id, id, context, promptPerM / 1_000_000m, completionPerM / 1_000_000m), stats);

    private static VoterStats Measured(string id, long answered, double p95, long errors = 0, long scored = 0, long hits = 0) =>
        VoterStats.Empty("llm:" + id) with { Calls = answered + errors, Answered = answered, Errors = errors, LatencyP95Ms = p95, ScoredTrades = scored, Hits = hits };

    [Fact]
    public void Selection_leaves_out_models_that_are_too_slow_too_costly_too_small_or_failing_and_ranks_the_rest_by_accuracy()
    {
        var request = new SelectionRequest("trade-vote", LatencyBudgetMs: 5000, MaxCostUsd: 0.01m, PromptTokens: 1500, CompletionTokens: 150);
        var ranked = ModelSelector.Rank(
        [
            Candidate("cheap", 0.1m, 0.4m, Measured("cheap", 20, 800, scored: 10, hits: 5)),
            Candidate("smart", 3m, 15m, Measured("smart", 20, 2000, scored: 10, hits: 8)),
            Candidate("slow", 1m, 1m, Measured("slow", 20, 9000)),
            Candidate("pricey", 60m, 120m),
            Candidate("tiny", 0.1m, 0.1m, context: 1024),
            Candidate("flaky", 0.1m, 0.1m, Measured("flaky", 3, 100, errors: 7)),
            Candidate("new", 0.5m, 1m), // never measured: its latency cannot exclude it
        ], request);

        Assert.Equal(["smart", "cheap", "new"], ranked.Where(c => c.Selected).Select(c => c.Model));
        Assert.Equal([1, 2, 3], ranked.Where(c => c.Selected).Select(c => c.Rank));
        string Why(string m) => ranked.Single(c => c.Model == m).Reason;
        Assert.Contains("p95 latency 9000 ms is above the 5000 ms", Why("slow"), StringComparison.Ordinal);
        Assert.Contains("expected cost $0.108 per call is above the $0.01 budget", Why("pricey"), StringComparison.Ordinal);
        Assert.Contains("context 1024 tokens", Why("tiny"), StringComparison.Ordinal);
        Assert.Contains("fails 70 % of its calls", Why("flaky"), StringComparison.Ordinal);
        Assert.Equal(0.00015m + 0.00006m, ranked.Single(c => c.Model == "cheap").ExpectedCostUsd);
    }

    [Fact]
    public async Task The_model_list_gives_context_and_prices_and_a_broken_list_is_a_dependency_failure_with_fallback_prices()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();
        var options = new OpenRouterOptions { BaseUrl = server.BaseUrl, FallbackPromptPricePerMillion = 10, FallbackCompletionPricePerMillion = 30 };
        var client = new OpenRouterClient(http, options);
        var models = await client.ListModelsAsync();
        var beta = models.Single(m => m.Id == "acme/beta");
        Assert.Equal((8192, 3m / 1_000_000m, 15m / 1_000_000m, true), (beta.ContextLength, beta.PromptPrice, beta.CompletionPrice, beta.Listed));
        Assert.Equal(1000 * 3m / 1_000_000m, beta.CostOf(1000, 0));

        using var catalog = new ModelCatalog(client, options, TimeProvider.System);
        Assert.True((await catalog.GetAsync("acme/beta")).Listed);
        await catalog.GetAsync("acme/alpha");
        Assert.Equal(2, server.ModelListRequests); // the client's own call, then one for the catalog, which caches it
        var unknown = await catalog.GetAsync("other/model");
        Assert.Equal((false, 10m / 1_000_000m, 30m / 1_000_000m), (unknown.Listed, unknown.PromptPrice, unknown.CompletionPrice));

        server.ModelsStatus = 503;
        var e = await Assert.ThrowsAsync<DependencyUnavailableException>(() => client.ListModelsAsync());
        Assert.Contains("HTTP 503", e.Message, StringComparison.Ordinal);
        using var broken = new ModelCatalog(client, options, TimeProvider.System);
        Assert.False((await broken.GetAsync("acme/beta")).Listed); // over-estimated, never free
        Assert.Contains("HTTP 503", broken.LastError, StringComparison.Ordinal);
    }
}
