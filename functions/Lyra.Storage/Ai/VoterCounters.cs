using System.Globalization;
using Azure.Data.Tables;
using Lyra.Ai.Performance;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Ai;

/// <summary>One voter's counters as stored.</summary>
internal sealed class VoterCounters
{
    public string Voter { get; set; } = "";
    public long Calls { get; set; }
    public long Answered { get; set; }
    public long Errors { get; set; }
    public long Timeouts { get; set; }
    public long Skipped { get; set; }
    public decimal CostUsd { get; set; }
    public double LatencySumMs { get; set; }
    public long LatencyCount { get; set; }
    public List<double> Latencies { get; set; } = [];
    public long ScoredTrades { get; set; }
    public long Hits { get; set; }
    public double ConfidenceSum { get; set; }

    /// <summary>Outcomes of the latest asked calls, oldest first: <c>a</c> answered, <c>e</c> failed.</summary>
    public string Recent { get; set; } = "";

    /// <summary>Remembers one asked call's outcome in <see cref="Recent"/>.</summary>
    public void Remember(bool failed)
    {
        var recent = Recent + (failed ? 'e' : 'a');
        Recent = recent.Length > VoterStats.RecentWindow ? recent[^VoterStats.RecentWindow..] : recent;
    }

    public static VoterCounters FromLegacy(TableEntity e) => new()
    {
        Voter = e.GetString("Voter"), Calls = e.GetInt64("Calls") ?? 0, Answered = e.GetInt64("Answered") ?? 0, Errors = e.GetInt64("Errors") ?? 0,
        Timeouts = e.GetInt64("Timeouts") ?? 0, Skipped = e.GetInt64("Skipped") ?? 0, CostUsd = TableKeys.ParseText(e.GetString("CostUsd")),
        LatencySumMs = e.GetDouble("LatencySumMs") ?? 0, LatencyCount = e.GetInt64("LatencyCount") ?? 0,
        Latencies = e.GetString("Latencies") is { Length: > 0 } text ? [.. text.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))] : [],
        ScoredTrades = e.GetInt64("ScoredTrades") ?? 0, Hits = e.GetInt64("Hits") ?? 0, ConfidenceSum = e.GetDouble("ConfidenceSum") ?? 0,
    };

    public VoterStats ToStats()
    {
        var sorted = Latencies.Order().ToList();
        return new VoterStats(Voter, Calls, Answered, Errors, Timeouts, Skipped, LatencyCount > 0 ? Math.Round(LatencySumMs / LatencyCount, 1) : 0,
            Percentile(sorted, 0.50), Percentile(sorted, 0.95), ScoredTrades, Hits, ConfidenceSum, CostUsd)
        {
            RecentCalls = Recent.Length,
            RecentErrors = Recent.Count(c => c == 'e'),
        };
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
