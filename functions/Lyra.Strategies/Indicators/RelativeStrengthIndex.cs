namespace Lyra.Strategies.Indicators;

/// <summary>
/// Wilder's RSI: average gain and loss seeded with the simple mean of the first N changes, then smoothed
/// avg = (avg·(N-1) + x) / N. The first value appears at index N (TA-Lib convention); 0 when nothing moved.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private double _prev = double.NaN;
    private double _gain, _loss;
    private int _changes;

    /// <summary>Creates the RSI.</summary>
    public RelativeStrengthIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        Period = period;
    }

    /// <summary>Period.</summary>
    public int Period { get; }
    /// <summary>True after N changes.</summary>
    public bool IsReady => _changes >= Period;
    /// <summary>Current value 0..100 (NaN during warm-up).</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds a close.</summary>
    public double Update(double close)
    {
        if (double.IsNaN(_prev)) { _prev = close; return Value; }
        var change = close - _prev;
        _prev = close;
        var g = change > 0 ? change : 0;
        var l = change < 0 ? -change : 0;
        _changes++;
        if (_changes <= Period)
        {
            _gain += g;
            _loss += l;
            if (_changes < Period) return Value;
            _gain /= Period;
            _loss /= Period;
        }
        else
        {
            _gain = ((_gain * (Period - 1)) + g) / Period;
            _loss = ((_loss * (Period - 1)) + l) / Period;
        }

        Value = _gain + _loss == 0 ? 0 : 100 * _gain / (_gain + _loss);
        return Value;
    }
}
