namespace Lyra.Strategies.Optimization;

/// <summary>
/// Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de Prado
/// and Zhu, 2014). Each configuration's per-bar returns are cut into S time blocks; for every way of choosing S/2
/// blocks as in-sample, the in-sample best configuration's out-of-sample Sharpe is ranked among all configurations.
/// PBO is the share of splits in which it lands at or below the median (logit ≤ 0).
/// </summary>
public static class OverfittingDiagnostic
{
    /// <summary>Per-block sums of returns: <c>[config][block] = (Σr, Σr², count)</c>.</summary>
    public static (double Sum, double SumSq, int Count)[] BlockStats(double[] equity, int blocks)
    {
        var stats = new (double, double, int)[blocks];
        var n = equity.Length - 1;
        for (var t = 1; t <= n; t++)
        {
            var r = (equity[t] / equity[t - 1]) - 1;
            var b = (int)((long)(t - 1) * blocks / n);
            stats[b].Item1 += r;
            stats[b].Item2 += r * r;
            stats[b].Item3++;
        }

        return stats;
    }

    /// <summary>PBO from the block statistics of N ≥ 2 configurations.</summary>
    public static double Pbo(IReadOnlyList<(double Sum, double SumSq, int Count)[]> configs)
    {
        var n = configs.Count;
        if (n < 2) return double.NaN;
        var s = configs[0].Length;
        var half = s / 2;
        int splits = 0, overfit = 0;
        var isSharpe = new double[n];
        var oosSharpe = new double[n];
        for (var mask = 0; mask < 1 << s; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != half) continue;
            for (var c = 0; c < n; c++)
            {
                isSharpe[c] = Sharpe(configs[c], mask, inSample: true);
                oosSharpe[c] = Sharpe(configs[c], mask, inSample: false);
            }

            var best = 0;
            for (var c = 1; c < n; c++) if (isSharpe[c] > isSharpe[best]) best = c;
            // Relative rank of the IS winner out of sample, in (0, 1).
            var below = 0;
            for (var c = 0; c < n; c++) if (oosSharpe[c] <= oosSharpe[best]) below++;
            var omega = below / (double)(n + 1);
            splits++;
            if (Math.Log(omega / (1 - omega)) <= 0) overfit++;
        }

        return (double)overfit / splits;
    }

    private static double Sharpe((double Sum, double SumSq, int Count)[] blocks, int mask, bool inSample)
    {
        double sum = 0, sq = 0;
        var count = 0;
        for (var b = 0; b < blocks.Length; b++)
        {
            if (((mask >> b) & 1) == 1 != inSample) continue;
            sum += blocks[b].Sum;
            sq += blocks[b].SumSq;
            count += blocks[b].Count;
        }

        if (count < 2) return 0;
        var mean = sum / count;
        var variance = (sq - (count * mean * mean)) / (count - 1);
        return variance > 0 ? mean / Math.Sqrt(variance) : 0;
    }
}
