using Lyra.Strategies.Indicators;

namespace Lyra.Strategies.Tests;

/// <summary>
/// Each incremental indicator against a plain batch implementation of its textbook / TA-Lib definition written
/// here independently (whole arrays, no shared code), including where the warm-up ends.
/// </summary>
public sealed class IndicatorTests
{
    private static readonly (double[] O, double[] H, double[] L, double[] C, double[] V) Bars = MakeBars(300, 42);

    private static (double[], double[], double[], double[], double[]) MakeBars(int n, int seed)
    {
        var rng = new Random(seed);
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        var p = 100.0;
        for (var i = 0; i < n; i++)
        {
            o[i] = p;
            p *= 1 + ((rng.NextDouble() - 0.5) * 0.04);
            c[i] = p;
            h[i] = Math.Max(o[i], c[i]) * (1 + (rng.NextDouble() * 0.01));
            l[i] = Math.Min(o[i], c[i]) * (1 - (rng.NextDouble() * 0.01));
            v[i] = 100 + (rng.NextDouble() * 900);
        }

        return (o, h, l, c, v);
    }

    private static double Mean(double[] x, int end, int n) { var s = 0.0; for (var i = end - n + 1; i <= end; i++) s += x[i]; return s / n; }

    private static double PopSd(double[] x, int end, int n)
    {
        var m = Mean(x, end, n);
        var s = 0.0;
        for (var i = end - n + 1; i <= end; i++) s += (x[i] - m) * (x[i] - m);
        return Math.Sqrt(s / n);
    }

    private static void AssertSeries(double[] expected, Func<int, double> actualAt, int firstValid, int digits = 8)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var a = actualAt(i);
            if (i < firstValid) Assert.True(double.IsNaN(a), $"index {i} should be warm-up (NaN) but was {a}");
            else Assert.True(Math.Abs(expected[i] - a) <= Math.Pow(10, -digits) * Math.Max(1, Math.Abs(expected[i])), $"index {i}: expected {expected[i]}, got {a}");
        }
    }

    private static double[] Ema(double[] x, int n, int start)
    {
        // TA-Lib: SMA seed over x[start-n+1..start], then k = 2/(n+1).
        var e = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        e[start] = Mean(x, start, n);
        for (var i = start + 1; i < x.Length; i++) e[i] = e[i - 1] + (2.0 / (n + 1) * (x[i] - e[i - 1]));
        return e;
    }

    [Fact]
    public void Ema_seeds_with_the_sma_and_starts_at_period_minus_one()
    {
        var ema = new ExponentialMovingAverage(10);
        var got = Bars.C.Select(ema.Update).ToArray();
        AssertSeries(Ema(Bars.C, 10, 9), i => got[i], 9);
    }

    [Fact]
    public void Wma_weights_the_newest_value_most()
    {
        var expected = Bars.C.Select((_, i) => i < 9 ? double.NaN : Enumerable.Range(0, 10).Sum(j => (j + 1) * Bars.C[i - 9 + j]) / 55.0).ToArray();
        var wma = new WeightedMovingAverage(10);
        var got = Bars.C.Select(wma.Update).ToArray();
        AssertSeries(expected, i => got[i], 9);
    }

    [Fact]
    public void Rsi_uses_wilder_smoothing_and_starts_at_index_n()
    {
        const int n = 14;
        var c = Bars.C;
        var expected = Enumerable.Repeat(double.NaN, c.Length).ToArray();
        double ag = 0, al = 0;
        for (var i = 1; i <= n; i++) { ag += Math.Max(0, c[i] - c[i - 1]); al += Math.Max(0, c[i - 1] - c[i]); }
        ag /= n; al /= n;
        expected[n] = 100 * ag / (ag + al);
        for (var i = n + 1; i < c.Length; i++)
        {
            ag = ((ag * 13) + Math.Max(0, c[i] - c[i - 1])) / 14;
            al = ((al * 13) + Math.Max(0, c[i - 1] - c[i])) / 14;
            expected[i] = 100 * ag / (ag + al);
        }

        var rsi = new RelativeStrengthIndex(n);
        var got = c.Select(rsi.Update).ToArray();
        AssertSeries(expected, i => got[i], n);
        Assert.All(got.Skip(n), v => Assert.InRange(v, 0, 100));
    }

    [Fact]
    public void Rsi_of_a_rising_series_is_100_and_of_a_flat_series_is_0()
    {
        var up = new RelativeStrengthIndex(5);
        for (var i = 0; i < 20; i++) up.Update(i);
        Assert.Equal(100, up.Value);
        var flat = new RelativeStrengthIndex(5);
        for (var i = 0; i < 20; i++) flat.Update(7);
        Assert.Equal(0, flat.Value);
    }

    [Fact]
    public void Macd_12_26_9_matches_ta_lib_alignment_first_signal_at_33()
    {
        var c = Bars.C;
        var fast = Ema(c, 12, 25); // TA-Lib starts both EMAs at slow-1
        var slow = Ema(c, 26, 25);
        var line = c.Select((_, i) => i < 25 ? double.NaN : fast[i] - slow[i]).ToArray();
        var signal = Enumerable.Repeat(double.NaN, c.Length).ToArray();
        signal[33] = Mean(line, 33, 9);
        for (var i = 34; i < c.Length; i++) signal[i] = signal[i - 1] + (0.2 * (line[i] - signal[i - 1]));
        var macd = new MovingAverageConvergenceDivergence();
        var gotLine = new double[c.Length];
        var gotSignal = new double[c.Length];
        for (var i = 0; i < c.Length; i++) { macd.Update(c[i]); gotLine[i] = macd.Macd; gotSignal[i] = macd.Signal; }
        AssertSeries(line, i => gotLine[i], 25);
        AssertSeries(signal, i => gotSignal[i], 33);
    }

    [Fact]
    public void Bollinger_bands_use_the_population_deviation()
    {
        var bb = new BollingerBands(20, 2);
        var up = new double[Bars.C.Length];
        var mid = new double[Bars.C.Length];
        for (var i = 0; i < Bars.C.Length; i++) { bb.Update(Bars.C[i]); up[i] = bb.Upper; mid[i] = bb.Middle; }
        AssertSeries(Bars.C.Select((_, i) => i < 19 ? double.NaN : Mean(Bars.C, i, 20) + (2 * PopSd(Bars.C, i, 20))).ToArray(), i => up[i], 19, 7);
        AssertSeries(Bars.C.Select((_, i) => i < 19 ? double.NaN : Mean(Bars.C, i, 20)).ToArray(), i => mid[i], 19);
    }

    [Fact]
    public void Atr_is_wilder_smoothed_true_range_from_index_n()
    {
        const int n = 14;
        var (_, h, l, c, _) = Bars;
        var tr = c.Select((_, i) => i == 0 ? double.NaN : new[] { h[i] - l[i], Math.Abs(h[i] - c[i - 1]), Math.Abs(l[i] - c[i - 1]) }.Max()).ToArray();
        var expected = Enumerable.Repeat(double.NaN, c.Length).ToArray();
        expected[n] = tr.Skip(1).Take(n).Average();
        for (var i = n + 1; i < c.Length; i++) expected[i] = ((expected[i - 1] * (n - 1)) + tr[i]) / n;
        var atr = new AverageTrueRange(n);
        var got = c.Select((_, i) => atr.Update(h[i], l[i], c[i])).ToArray();
        AssertSeries(expected, i => got[i], n);
    }

    [Fact]
    public void Stochastic_smooths_fast_k_twice()
    {
        var (_, h, l, c, _) = Bars;
        var fastK = c.Select((_, i) => i < 13 ? double.NaN : 100 * (c[i] - l.Skip(i - 13).Take(14).Min()) / (h.Skip(i - 13).Take(14).Max() - l.Skip(i - 13).Take(14).Min())).ToArray();
        var slowK = fastK.Select((_, i) => i < 15 ? double.NaN : Mean(fastK, i, 3)).ToArray();
        var slowD = slowK.Select((_, i) => i < 17 ? double.NaN : Mean(slowK, i, 3)).ToArray();
        var st = new Stochastic(14, 3, 3);
        var k = new double[c.Length];
        var d = new double[c.Length];
        for (var i = 0; i < c.Length; i++) { st.Update(h[i], l[i], c[i]); k[i] = st.K; d[i] = st.D; }
        AssertSeries(slowK, i => k[i], 15);
        AssertSeries(slowD, i => d[i], 17);
    }

    [Fact]
    public void Adx_follows_wilder_with_first_value_at_2n_minus_1()
    {
        const int n = 14;
        var (_, h, l, c, _) = Bars;
        var len = c.Length;
        double[] pdm = new double[len], mdm = new double[len], tr = new double[len];
        for (var i = 1; i < len; i++)
        {
            var up = h[i] - h[i - 1];
            var dn = l[i - 1] - l[i];
            pdm[i] = up > dn && up > 0 ? up : 0;
            mdm[i] = dn > up && dn > 0 ? dn : 0;
            tr[i] = Math.Max(h[i] - l[i], Math.Max(Math.Abs(h[i] - c[i - 1]), Math.Abs(l[i] - c[i - 1])));
        }

        double sp = pdm.Skip(1).Take(n - 1).Sum(), sm = mdm.Skip(1).Take(n - 1).Sum(), st = tr.Skip(1).Take(n - 1).Sum();
        var plusDi = Enumerable.Repeat(double.NaN, len).ToArray();
        var dx = Enumerable.Repeat(double.NaN, len).ToArray();
        for (var i = n; i < len; i++)
        {
            sp = sp - (sp / n) + pdm[i]; sm = sm - (sm / n) + mdm[i]; st = st - (st / n) + tr[i];
            plusDi[i] = 100 * sp / st;
            var minusDi = 100 * sm / st;
            dx[i] = 100 * Math.Abs(plusDi[i] - minusDi) / (plusDi[i] + minusDi);
        }

        var adx = Enumerable.Repeat(double.NaN, len).ToArray();
        adx[(2 * n) - 1] = dx.Skip(n).Take(n).Average();
        for (var i = 2 * n; i < len; i++) adx[i] = ((adx[i - 1] * (n - 1)) + dx[i]) / n;

        var dm = new DirectionalMovement(n);
        var gotAdx = new double[len];
        var gotPlus = new double[len];
        for (var i = 0; i < len; i++) { dm.Update(h[i], l[i], c[i]); gotAdx[i] = dm.Adx; gotPlus[i] = dm.PlusDi; }
        AssertSeries(plusDi, i => gotPlus[i], n);
        AssertSeries(adx, i => gotAdx[i], (2 * n) - 1);
    }

    [Fact]
    public void Obv_vwap_donchian_and_zscore_match_their_definitions()
    {
        var (_, h, l, c, v) = Bars;
        var obv = new OnBalanceVolume();
        var expectedObv = v[0];
        obv.Update(c[0], v[0]);
        for (var i = 1; i < c.Length; i++)
        {
            expectedObv += c[i] > c[i - 1] ? v[i] : c[i] < c[i - 1] ? -v[i] : 0;
            Assert.Equal(expectedObv, obv.Update(c[i], v[i]), 6);
        }

        // VWAP over two sessions: 180 one-minute bars... here 10-minute bars crossing midnight at bar 144.
        var vwap = new VolumeWeightedAveragePrice();
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 200; i++)
        {
            var got = vwap.Update(t0 + (i * 600_000L), h[i], l[i], c[i], v[i]);
            var from = i < 144 ? 0 : 144;
            var pv = Enumerable.Range(from, i - from + 1).Sum(j => (h[j] + l[j] + c[j]) / 3 * v[j]);
            Assert.Equal(pv / Enumerable.Range(from, i - from + 1).Sum(j => v[j]), got, 8);
        }

        var dc = new DonchianChannel(20);
        var z = new RollingStatistics(20);
        for (var i = 0; i < c.Length; i++)
        {
            dc.Update(h[i], l[i]);
            z.Update(c[i]);
            if (i < 19) { Assert.True(double.IsNaN(dc.Upper)); Assert.True(double.IsNaN(z.ZScore)); continue; }
            Assert.Equal(h.Skip(i - 19).Take(20).Max(), dc.Upper);
            Assert.Equal(l.Skip(i - 19).Take(20).Min(), dc.Lower);
            Assert.Equal((c[i] - Mean(c, i, 20)) / PopSd(c, i, 20), z.ZScore, 7);
        }
    }
}
