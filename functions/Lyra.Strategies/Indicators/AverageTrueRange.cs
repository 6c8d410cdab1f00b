namespace Lyra.Strategies.Indicators;

/// <summary>
/// Wilder's ATR: true range max(H-L, |H-Cprev|, |L-Cprev|) from the second bar on, seeded with the mean of the first N
/// true ranges, then ATR = (ATR·(N-1) + TR) / N. First value at index N (TA-Lib convention).
/// </summary>
public sealed class AverageTrueRange
{
    private double _prevClose = double.NaN;
    private double _sum;
    private int _ranges;

    /// <summary>Creates the ATR.</summary>
    public AverageTrueRange(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    /// <summary>Period.</summary>
    public int Period { get; }
    /// <summary>True after N true ranges.</summary>
    public bool IsReady => _ranges >= Period;
    /// <summary>Current ATR (NaN during warm-up).</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>True range of a bar given the previous close.</summary>
    public static double TrueRange(double high, double low, double prevClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - prevClose), Math.Abs(low - prevClose)));

    /// <summary>Adds a bar.</summary>
    public double Update(double high, double low, double close)
    {
        if (double.IsNaN(_prevClose)) { _prevClose = close; return Value; }
        var tr = TrueRange(high, low, _prevClose);
        _prevClose = close;
        _ranges++;
        if (_ranges < Period) { _sum += tr; return Value; }
        Value = _ranges == Period ? (_sum + tr) / Period : ((Value * (Period - 1)) + tr) / Period;
        return Value;
    }
}
