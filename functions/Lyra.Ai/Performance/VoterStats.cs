namespace Lyra.Ai.Performance;

/// <summary>What is measured of one voter: reliability, speed, and accuracy against realised trade outcomes.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Calls">Times it was on a decided panel.</param>
/// <param name="Answered">Votes it gave (not abstentions).</param>
/// <param name="Errors">Failures: errors, invalid replies, timeouts.</param>
/// <param name="Timeouts">Of those, deadlines missed.</param>
/// <param name="Skipped">Times it was left out on purpose (budget, model selection).</param>
/// <param name="LatencyMeanMs">Mean latency of its answers.</param>
/// <param name="LatencyP50Ms">Median latency of its recent answers.</param>
/// <param name="LatencyP95Ms">95th percentile latency of its recent answers.</param>
/// <param name="ScoredTrades">Closed trades it voted on (not abstaining).</param>
/// <param name="Hits">Of those, how often it was right (buy before a profit; sell or hold before a loss).</param>
/// <param name="ConfidenceSum">Sum of its stated confidence on the scored votes.</param>
/// <param name="CostUsd">What its votes cost.</param>
public sealed record VoterStats(string Voter, long Calls, long Answered, long Errors, long Timeouts, long Skipped,
    double LatencyMeanMs, double LatencyP50Ms, double LatencyP95Ms, long ScoredTrades, long Hits, double ConfidenceSum, decimal CostUsd)
{
    /// <summary>Calls among the most recent ones kept (at most <see cref="RecentWindow"/>) that were asked (not skipped).</summary>
    public int RecentCalls { get; init; }

    /// <summary>Of those, failures (errors, invalid replies, timeouts).</summary>
    public int RecentErrors { get; init; }

    /// <summary>How many of the latest calls the recent error rate looks at.</summary>
    public const int RecentWindow = 50;

    /// <summary>Failures per asked call among the recent ones (0 when none).</summary>
    public double RecentErrorRate => RecentCalls > 0 ? (double)RecentErrors / RecentCalls : 0;

    /// <summary>Failures per call (0 when never called).</summary>
    public double ErrorRate => Calls - Skipped > 0 ? (double)Errors / (Calls - Skipped) : 0;

    /// <summary>Abstentions per call, skips included.</summary>
    public double AbstentionRate => Calls > 0 ? (double)(Calls - Answered) / Calls : 0;

    /// <summary>Smoothed accuracy (½ with no scored trades).</summary>
    public double Accuracy => TrackRecord.Accuracy(Hits, ScoredTrades);

    /// <summary>A voter never seen.</summary>
    public static VoterStats Empty(string voter) => new(voter, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
