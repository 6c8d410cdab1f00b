namespace Lyra.Strategies.Indicators;

/// <summary>
/// Simple moving average, O(1) per update with a ring buffer; also computable over a whole span.
/// Not ready (value NaN) until <see cref="Period"/> values were seen, as in TA-Lib.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly double[] _window;
    private int _count;
    private int _next;
    private double _sum;

    /// <summary>Creates an SMA over <paramref name="period"/> values.</summary>
    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new double[period];
    }

    /// <summary>Number of values averaged.</summary>
    public int Period { get; }

    /// <summary>True once <see cref="Period"/> values have been added.</summary>
    public bool IsReady => _count >= Period;

    /// <summary>The current average, or NaN during warm-up.</summary>
    public double Value => IsReady ? _sum / Period : double.NaN;

    /// <summary>Adds one value and returns the new <see cref="Value"/>.</summary>
    public double Update(double value)
    {
        if (_count >= Period) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        if (++_next == Period) _next = 0; // cheaper than a modulo in the hot loop
        return Value;
    }

    /// <summary>Forgets all values.</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
        _sum = 0;
    }

    /// <summary>Average of the <paramref name="period"/> values ending at <paramref name="index"/> (inclusive), or NaN when too few.</summary>
    public static double At(ReadOnlySpan<double> values, int index, int period)
    {
        if (index < period - 1 || index >= values.Length) return double.NaN;
        var sum = 0.0;
        for (var i = index - period + 1; i <= index; i++) sum += values[i];
        return sum / period;
    }
}
