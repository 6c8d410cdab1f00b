namespace Lyra.Monitoring.Metrics;

/// <summary>The newest <see cref="Capacity"/> samples of one latency series (and which of them failed), for percentiles.</summary>
public sealed class LatencyWindow
{
    /// <summary>Samples kept.</summary>
    public const int Capacity = 2048;

    private readonly double[] _ms = new double[Capacity];
    private readonly bool[] _failed = new bool[Capacity];
    private readonly Lock _gate = new();
    private long _total;

    /// <summary>Adds one sample.</summary>
    public void Record(double ms, bool failed = false)
    {
        lock (_gate)
        {
            var i = (int)(_total % Capacity);
            _ms[i] = ms;
            _failed[i] = failed;
            _total++;
        }
    }

    /// <summary>Adds <paramref name="other"/>'s kept samples (an overall view of several series).</summary>
    public void Merge(LatencyWindow other)
    {
        double[] ms;
        bool[] failed;
        lock (other._gate)
        {
            var n = (int)Math.Min(other._total, Capacity);
            ms = other._ms[..n];
            failed = other._failed[..n];
        }

        for (var i = 0; i < ms.Length; i++) Record(ms[i], failed[i]);
    }

    /// <summary>Count, failures and percentiles of the samples kept (nearest-rank percentiles).</summary>
    public LatencyStats Snapshot()
    {
        double[] copy;
        int failures = 0;
        long total;
        lock (_gate)
        {
            total = _total;
            var n = (int)Math.Min(_total, Capacity);
            copy = _ms[..n];
            for (var i = 0; i < n; i++) failures += _failed[i] ? 1 : 0;
        }

        if (copy.Length == 0) return new LatencyStats(total, 0, 0, null, null, null, null);
        Array.Sort(copy);
        return new LatencyStats(total, copy.Length, failures, Rank(copy, 0.5), Rank(copy, 0.95), copy[^1], Math.Round(100.0 * failures / copy.Length, 2));
    }

    private static double Rank(double[] sorted, double p) => Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
}

/// <summary>A latency series' figures.</summary>
/// <param name="Total">Samples since the host started.</param>
/// <param name="Window">Samples the figures are computed from (the newest, at most <see cref="LatencyWindow.Capacity"/>).</param>
/// <param name="Failures">Failed samples in the window.</param>
/// <param name="P50Ms">Median, ms.</param>
/// <param name="P95Ms">95th percentile, ms.</param>
/// <param name="MaxMs">Slowest in the window, ms.</param>
/// <param name="ErrorRatePct">Failures / window · 100.</param>
public sealed record LatencyStats(long Total, int Window, int Failures, double? P50Ms, double? P95Ms, double? MaxMs, double? ErrorRatePct);
