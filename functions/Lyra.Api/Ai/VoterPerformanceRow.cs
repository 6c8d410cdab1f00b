using Lyra.Ai.Performance;

namespace Lyra.Api.Ai;

/// <summary>One voter's row of <c>GET /api/ai/performance</c>.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="OnPanel">Whether it is on the trading panel.</param>
/// <param name="Model">Its model, for an LLM voter.</param>
/// <param name="Calls">Times it was on a decided panel.</param>
/// <param name="Answered">Votes given.</param>
/// <param name="Errors">Failures.</param>
/// <param name="Timeouts">Deadlines missed.</param>
/// <param name="Skipped">Times left out on purpose.</param>
/// <param name="ErrorRate">Failures per call asked.</param>
/// <param name="AbstentionRate">Abstentions per call.</param>
/// <param name="LatencyMeanMs">Mean latency.</param>
/// <param name="LatencyP50Ms">Median latency.</param>
/// <param name="LatencyP95Ms">95th percentile latency.</param>
/// <param name="ScoredTrades">Closed trades it voted on.</param>
/// <param name="Hits">Of those, how often it was right.</param>
/// <param name="Accuracy">Smoothed hit rate.</param>
/// <param name="ConfiguredWeight">Weight in the settings.</param>
/// <param name="Weight">Weight after learning.</param>
/// <param name="Calibration">Confidence calibration.</param>
/// <param name="CostUsd">What its votes cost.</param>
public sealed record VoterPerformanceRow(string Voter, bool OnPanel, string? Model, long Calls, long Answered, long Errors, long Timeouts, long Skipped,
    double ErrorRate, double AbstentionRate, double LatencyMeanMs, double LatencyP50Ms, double LatencyP95Ms, long ScoredTrades, long Hits, double Accuracy,
    double ConfiguredWeight, double Weight, double Calibration, decimal CostUsd)
{
    /// <summary>The row of <paramref name="s"/>.</summary>
    public static VoterPerformanceRow Of(VoterStats s, bool onPanel, string? model, double configured, double weight, double calibration) =>
        new(s.Voter, onPanel, model, s.Calls, s.Answered, s.Errors, s.Timeouts, s.Skipped, Math.Round(s.ErrorRate, 4), Math.Round(s.AbstentionRate, 4),
            s.LatencyMeanMs, s.LatencyP50Ms, s.LatencyP95Ms, s.ScoredTrades, s.Hits, Math.Round(s.Accuracy, 4), configured, weight, calibration, s.CostUsd);
}
