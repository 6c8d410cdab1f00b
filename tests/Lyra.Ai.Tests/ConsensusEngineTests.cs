using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Tests;

public sealed class ConsensusEngineTests
{
    private static Vote V(string name, TradeAction a, double c) => new(name, a, c, "1h", "because");

    [Fact]
    public void Unanimous_votes_decide_with_full_agreement()
    {
        var r = ConsensusEngine.Decide([V("a", TradeAction.Buy, 0.8), V("b", TradeAction.Buy, 0.6), V("c", TradeAction.Buy, 0.5)], new ConsensusOptions());
        Assert.Equal(TradeAction.Buy, r.Action);
        Assert.Equal(1.0, r.Agreement, 9);
        Assert.Equal(1.9, r.BuyScore, 9);
        Assert.True(r.QuorumMet);
        Assert.Equal(3, r.Votes.Count);
    }

    [Fact]
    public void Abstentions_do_not_count_and_without_quorum_the_panel_holds()
    {
        var r = ConsensusEngine.Decide([V("a", TradeAction.Buy, 0.9), Vote.Abstain("b", "timeout"), Vote.Abstain("c", "bad json")], new ConsensusOptions { Quorum = 2 });
        Assert.Equal(TradeAction.Hold, r.Action);
        Assert.False(r.QuorumMet);
        Assert.Equal(1, r.Counted);
        Assert.Contains("no quorum", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tie_is_a_hold()
    {
        var r = ConsensusEngine.Decide([V("a", TradeAction.Buy, 0.7), V("b", TradeAction.Sell, 0.7)], new ConsensusOptions());
        Assert.Equal(TradeAction.Hold, r.Action);
        Assert.Contains("tie", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Low_agreement_is_a_hold()
    {
        // buy 0.5, sell 0.3, hold 0.3 → buy share 0.4545 < 0.5
        var r = ConsensusEngine.Decide([V("a", TradeAction.Buy, 0.5), V("b", TradeAction.Sell, 0.3), V("c", TradeAction.Hold, 0.3)], new ConsensusOptions());
        Assert.Equal(TradeAction.Hold, r.Action);
        Assert.Equal(0.5 / 1.1, r.Agreement, 9);
    }

    [Fact]
    public void Weights_are_bounded_so_no_voter_dominates_or_vanishes()
    {
        var o = new ConsensusOptions { Weights = new() { ["whale"] = 100, ["ghost"] = 0 } };
        var r = ConsensusEngine.Decide([V("whale", TradeAction.Buy, 1), V("x", TradeAction.Sell, 1), V("y", TradeAction.Sell, 1), V("ghost", TradeAction.Sell, 1)], o);
        Assert.Equal(ConsensusEngine.MaxWeight, r.BuyScore, 9);
        Assert.Equal(2 + ConsensusEngine.MinWeight, r.SellScore, 9);
        Assert.Equal(TradeAction.Buy, r.Action); // 3 vs 2.1 → buy with 58.8 %
    }

    [Fact]
    public void Out_of_range_confidence_is_clamped()
    {
        var r = ConsensusEngine.Decide([V("a", TradeAction.Sell, 7), V("b", TradeAction.Sell, -2)], new ConsensusOptions());
        Assert.Equal(1.0, r.SellScore, 9);
        Assert.Equal(TradeAction.Sell, r.Action);
    }

    [Fact]
    public void Property_any_panel_gives_a_winner_backed_by_quorum_and_agreement_or_a_hold()
    {
        var rng = new Random(1234);
        for (var run = 0; run < 2000; run++)
        {
            var n = rng.Next(0, 7);
            var votes = Enumerable.Range(0, n).Select(i => rng.NextDouble() < 0.15
                ? Vote.Abstain("v" + i, "x")
                : V("v" + i, (TradeAction)rng.Next(3), Math.Round(rng.NextDouble(), 2))).ToList();
            var o = new ConsensusOptions { Quorum = rng.Next(1, 4), MinAgreement = 0.5 + (rng.NextDouble() / 2), Weights = new() { ["v0"] = rng.NextDouble() * 5 } };
            var r = ConsensusEngine.Decide(votes, o);
            Assert.InRange(r.Agreement, 0, 1);
            Assert.Equal(votes.Count(v => !v.Abstained), r.Counted);
            if (r.Action != TradeAction.Hold)
            {
                Assert.True(r.QuorumMet);
                Assert.True(r.Agreement >= o.MinAgreement);
                var scores = new[] { r.BuyScore, r.SellScore, r.HoldScore };
                var winner = r.Action == TradeAction.Buy ? r.BuyScore : r.SellScore;
                Assert.Equal(scores.Max(), winner);
                Assert.Single(scores, s => s == winner);
            }
        }
    }
}
