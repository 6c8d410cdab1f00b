using Lyra.Data.Candles;
using Lyra.Data.Markets;

namespace Lyra.Data.Loading;

/// <summary>
/// A deterministic synthetic market: a regime-switching random walk (trending up, trending down, ranging)
/// with GARCH(1,1)-style volatility clustering. Same seed, same candles.
/// </summary>
public static class SyntheticSeries
{
    /// <summary>Generates <paramref name="bars"/> candles starting at <paramref name="start"/> (prices rounded to cents).</summary>
    public static IReadOnlyList<Candle> Generate(int bars, int seed, Timeframe timeframe, DateTimeOffset start, double startPrice = 30_000)
    {
        var s = GenerateSeries(bars, seed, timeframe, start, startPrice);
        var candles = new List<Candle>(bars);
        for (var i = 0; i < bars; i++)
        {
            candles.Add(new Candle(DateTimeOffset.FromUnixTimeMilliseconds(s.Time[i]), Round(s.Open[i]), Round(s.High[i]), Round(s.Low[i]), Round(s.Close[i]),
                Math.Round((decimal)s.Volume[i], 6)));
        }

        return candles;
    }

    /// <summary>The same series straight into columns (no per-candle objects), for large benchmarks.</summary>
    public static CandleSeries GenerateSeries(int bars, int seed, Timeframe timeframe, DateTimeOffset start, double startPrice = 30_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bars);
        var s = new CandleSeries(new long[bars], new double[bars], new double[bars], new double[bars], new double[bars], new double[bars]);
        var rng = new Random(seed);
        // Per-bar volatility scaled to the timeframe from about 60 % a year.
        var baseVol = 0.6 * Math.Sqrt(timeframe.Duration.TotalDays / 365.0);
        var variance = baseVol * baseVol;
        var regime = 0;
        double[] drift = [0.0, baseVol * 0.08, -baseVol * 0.08];
        var price = startPrice;
        var lastShock = 0.0;
        var t0 = start.ToUnixTimeMilliseconds();
        var step = timeframe.Milliseconds;
        for (var i = 0; i < bars; i++)
        {
            if (rng.NextDouble() < 0.004) regime = rng.Next(3);
            // GARCH(1,1): omega + alpha * shock^2 + beta * variance, long-run variance = baseVol^2.
            variance = (0.05 * baseVol * baseVol) + (0.10 * lastShock * lastShock) + (0.85 * variance);
            var sigma = Math.Sqrt(variance);
            var z = Gaussian(rng);
            lastShock = sigma * z;
            var open = price;
            var close = open * Math.Exp(drift[regime] + lastShock);
            s.Time[i] = t0 + (step * i);
            s.Open[i] = open;
            s.Close[i] = close;
            s.High[i] = Math.Max(open, close) * Math.Exp(sigma * Math.Abs(Gaussian(rng)) * 0.5);
            s.Low[i] = Math.Min(open, close) * Math.Exp(-sigma * Math.Abs(Gaussian(rng)) * 0.5);
            s.Volume[i] = 10 * Math.Exp(Gaussian(rng) * 0.3) * (1 + (Math.Abs(z) * 2));
            price = close;
        }

        return s;
    }

    private static decimal Round(double price) => Math.Round((decimal)price, 2);

    private static double Gaussian(Random rng)
    {
        // Box-Muller.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
