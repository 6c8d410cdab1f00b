using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Consensus;

/// <summary>
/// Weighted vote: each counted vote adds weight × calibrated confidence to its action's score; the highest score wins when the
/// quorum is met, it is not tied and its share of the total reaches <see cref="ConsensusOptions.MinAgreement"/>.
/// Pure and deterministic, so orchestrators may call it directly.
/// </summary>
public static class ConsensusEngine
{
    /// <summary>Bounds of a voter weight, so no single voter can dominate or vanish.</summary>
    public const double MinWeight = 0.1, MaxWeight = 3.0;

    /// <summary>Decides on <paramref name="votes"/>.</summary>
    public static ConsensusResult Decide(IReadOnlyList<Vote> votes, ConsensusOptions options)
    {
        double buy = 0, sell = 0, hold = 0;
        var counted = 0;
        var tally = new VoteTally[votes.Count];
        for (var i = 0; i < votes.Count; i++)
        {
            var v = votes[i];
            var w = Math.Clamp(options.Weights.TryGetValue(v.Voter, out var x) && !double.IsNaN(x) ? x : 1.0, MinWeight, MaxWeight);
            var c = options.Calibration.TryGetValue(v.Voter, out var k) && k > 0 && !double.IsNaN(k) ? k : 1.0;
            var confidence = double.IsNaN(v.Confidence) ? 0 : Math.Clamp(v.Confidence, 0, 1);
            var score = v.Abstained ? 0 : Math.Round(w * Math.Clamp(confidence * c, 0, 1), 10);
            tally[i] = new VoteTally(v.Voter, v.Action, v.Confidence, c, w, score, !v.Abstained);
            if (v.Abstained) continue;
            counted++;
            switch (v.Action)
            {
                case TradeAction.Buy: buy += score; break;
                case TradeAction.Sell: sell += score; break;
                default: hold += score; break;
            }
        }

        var total = buy + sell + hold;
        if (counted < options.Quorum)
        {
            return new(TradeAction.Hold, 0, buy, sell, hold, counted, false,
                F($"no quorum: {counted} of {votes.Count} voters answered, {options.Quorum} needed"), votes, tally);
        }

        if (total <= 0) return new(TradeAction.Hold, 0, buy, sell, hold, counted, true, "no voter expressed any confidence", votes, tally);

        var (action, top, second) = Rank(buy, sell, hold);
        var agreement = top / total;
        if (top - second <= 1e-12) return new(TradeAction.Hold, agreement, buy, sell, hold, counted, true, F($"tie at {top:F3}: hold"), votes, tally);
        if (agreement < options.MinAgreement)
        {
            return new(TradeAction.Hold, agreement, buy, sell, hold, counted, true,
                F($"agreement {agreement:P0} for {action} is below {options.MinAgreement:P0}: hold"), votes, tally);
        }

        return new(action, agreement, buy, sell, hold, counted, true,
            F($"{action} with {agreement:P0} agreement (buy {buy:F3}, sell {sell:F3}, hold {hold:F3})"), votes, tally);
    }

    private static (TradeAction Action, double Top, double Second) Rank(double buy, double sell, double hold)
    {
        Span<(TradeAction A, double S)> s = [(TradeAction.Buy, buy), (TradeAction.Sell, sell), (TradeAction.Hold, hold)];
        s.Sort((a, b) => b.S.CompareTo(a.S));
        return (s[0].A, s[0].S, s[1].S);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
