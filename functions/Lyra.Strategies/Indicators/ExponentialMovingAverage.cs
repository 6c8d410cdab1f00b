namespace Lyra.Strategies.Indicators;

/// <summary>
/// EMA with k = 2 / (period + 1), seeded with the SMA of the first <see cref="Period"/> values (TA-Lib's default),
/// so the first value appears at index period - 1.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _k;
    private double _sum;
    private int _count;

    /// <summary>Creates the EMA.</summary>
    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _k = 2.0 / (period + 1);
    }

    /// <summary>Period.</summary>
    public int Period { get; }
    /// <summary>True after <see cref="Period"/> values.</summary>
    public bool IsReady => _count >= Period;
    /// <summary>Current value (NaN during warm-up).</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds a value.</summary>
    public double Update(double x)
    {
        if (_count < Period)
        {
            _sum += x;
            _count++;
            if (_count == Period) Value = _sum / Period;
            return Value;
        }

        Value += _k * (x - Value);
        return Value;
    }

    /// <summary>Seeds the EMA with an explicit first value (used by MACD's aligned seeding).</summary>
    internal void Seed(double value)
    {
        _count = Period;
        Value = value;
    }
}
