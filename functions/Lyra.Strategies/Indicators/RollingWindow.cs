namespace Lyra.Strategies.Indicators;

/// <summary>A fixed-size ring of the last N values with an O(1) running sum and sum of squares.</summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;

    public RollingWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _values = new double[size];
    }

    public int Size => _values.Length;
    public int Count { get; private set; }
    public bool IsFull => Count == _values.Length;
    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }

    /// <summary>Adds a value, dropping the oldest when full; returns the dropped value (NaN when none).</summary>
    public double Add(double value)
    {
        var dropped = double.NaN;
        if (IsFull)
        {
            dropped = _values[_next];
            Sum -= dropped;
            SumOfSquares -= dropped * dropped;
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        Sum += value;
        SumOfSquares += value * value;
        _next = (_next + 1) % _values.Length;
        return dropped;
    }

    public double Mean => Sum / Count;

    /// <summary>Population variance (TA-Lib's STDDEV/BBANDS convention), clamped at 0 against rounding.</summary>
    public double Variance => Math.Max(0, (SumOfSquares / Count) - (Mean * Mean));

    /// <summary>The i-th oldest value in the window (0 = oldest).</summary>
    public double this[int i] => _values[(_next - Count + i + (2 * _values.Length)) % _values.Length];
}
