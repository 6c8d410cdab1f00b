namespace Lyra.Data.Candles;

/// <summary>
/// Columnar OHLCV arrays (epoch ms times, <see cref="double"/> prices) for indicators and strategies,
/// which read them by index without allocating.
/// </summary>
public sealed class CandleSeries
{
    /// <summary>Creates a series over existing arrays of equal length.</summary>
    public CandleSeries(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume)
    {
        var n = time.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
        {
            throw new ArgumentException("All columns must have the same length.");
        }

        Time = time; Open = open; High = high; Low = low; Close = close; Volume = volume;
    }

    /// <summary>Open times in epoch milliseconds, strictly increasing.</summary>
    public long[] Time { get; }
    /// <summary>Open prices.</summary>
    public double[] Open { get; }
    /// <summary>High prices.</summary>
    public double[] High { get; }
    /// <summary>Low prices.</summary>
    public double[] Low { get; }
    /// <summary>Close prices.</summary>
    public double[] Close { get; }
    /// <summary>Volumes.</summary>
    public double[] Volume { get; }

    /// <summary>Number of bars.</summary>
    public int Count => Time.Length;

    /// <summary>A copy of bars [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public CandleSeries Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Count);
        return new CandleSeries(Time.AsSpan(start, length).ToArray(), Open.AsSpan(start, length).ToArray(), High.AsSpan(start, length).ToArray(),
            Low.AsSpan(start, length).ToArray(), Close.AsSpan(start, length).ToArray(), Volume.AsSpan(start, length).ToArray());
    }

    /// <summary>Builds the columns from candles (in the given order).</summary>
    public static CandleSeries From(IReadOnlyList<Candle> candles)
    {
        var n = candles.Count;
        var s = new CandleSeries(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var c = candles[i];
            s.Time[i] = c.OpenTime.ToUnixTimeMilliseconds();
            s.Open[i] = (double)c.Open;
            s.High[i] = (double)c.High;
            s.Low[i] = (double)c.Low;
            s.Close[i] = (double)c.Close;
            s.Volume[i] = (double)c.Volume;
        }

        return s;
    }
}
