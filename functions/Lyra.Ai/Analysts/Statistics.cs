namespace Lyra.Ai.Analysts;

/// <summary>Small numeric helpers the analysts share (spans, no allocation).</summary>
internal static class Statistics
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        foreach (var v in x) s += v;
        return s / x.Length;
    }

    /// <summary>Sample standard deviation.</summary>
    public static double StdDev(ReadOnlySpan<double> x)
    {
        if (x.Length < 2) return 0;
        var m = Mean(x);
        var s = 0.0;
        foreach (var v in x) s += (v - m) * (v - m);
        return Math.Sqrt(s / (x.Length - 1));
    }

    /// <summary>Standard deviation of log returns over the last <paramref name="bars"/> returns.</summary>
    public static double LogReturnVol(ReadOnlySpan<double> closes, int bars)
    {
        var n = Math.Min(bars, closes.Length - 1);
        if (n < 2) return 0;
        Span<double> r = n <= 512 ? stackalloc double[n] : new double[n];
        var start = closes.Length - n;
        for (var i = 0; i < n; i++) r[i] = Math.Log(closes[start + i] / closes[start + i - 1]);
        return StdDev(r);
    }

    /// <summary>Least-squares slope per bar of the last <paramref name="bars"/> values.</summary>
    public static double Slope(ReadOnlySpan<double> y, int bars)
    {
        var n = Math.Min(bars, y.Length);
        if (n < 2) return 0;
        var start = y.Length - n;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var v = y[start + i];
            sx += i; sy += v; sxx += (double)i * i; sxy += i * v;
        }

        return ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
    }
}
