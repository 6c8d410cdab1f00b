namespace Lyra.Strategies.Indicators;

/// <summary>
/// Wilder's directional movement as TA-Lib computes it: +DM/-DM and TR summed over the first N-1 changes, then
/// smoothed S = S - S/N + x; +DI/-DI = 100·S(±DM)/S(TR) from index N; DX = 100·|+DI - -DI|/(+DI + -DI);
/// ADX = mean of the first N DX values (index 2N-1), then Wilder-smoothed.
/// </summary>
public sealed class DirectionalMovement
{
    private readonly int _n;
    private double _prevHigh = double.NaN, _prevLow, _prevClose;
    private double _plusDm, _minusDm, _tr, _dxSum;
    private int _changes, _dxCount;

    /// <summary>Creates ADX/DMI of period N.</summary>
    public DirectionalMovement(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        _n = period;
    }

    /// <summary>+DI (NaN during warm-up).</summary>
    public double PlusDi { get; private set; } = double.NaN;
    /// <summary>-DI.</summary>
    public double MinusDi { get; private set; } = double.NaN;
    /// <summary>DX.</summary>
    public double Dx { get; private set; } = double.NaN;
    /// <summary>ADX.</summary>
    public double Adx { get; private set; } = double.NaN;
    /// <summary>True once ADX has a value.</summary>
    public bool IsReady => !double.IsNaN(Adx);

    /// <summary>Adds a bar.</summary>
    public void Update(double high, double low, double close)
    {
        if (double.IsNaN(_prevHigh))
        {
            (_prevHigh, _prevLow, _prevClose) = (high, low, close);
            return;
        }

        var up = high - _prevHigh;
        var down = _prevLow - low;
        var pdm = up > down && up > 0 ? up : 0;
        var mdm = down > up && down > 0 ? down : 0;
        var tr = AverageTrueRange.TrueRange(high, low, _prevClose);
        (_prevHigh, _prevLow, _prevClose) = (high, low, close);
        _changes++;
        if (_changes < _n)
        {
            _plusDm += pdm; _minusDm += mdm; _tr += tr;
            return;
        }

        _plusDm = _plusDm - (_plusDm / _n) + pdm;
        _minusDm = _minusDm - (_minusDm / _n) + mdm;
        _tr = _tr - (_tr / _n) + tr;
        PlusDi = _tr == 0 ? 0 : 100 * _plusDm / _tr;
        MinusDi = _tr == 0 ? 0 : 100 * _minusDm / _tr;
        var sum = PlusDi + MinusDi;
        Dx = sum == 0 ? 0 : 100 * Math.Abs(PlusDi - MinusDi) / sum;
        if (_dxCount < _n)
        {
            _dxSum += Dx;
            if (++_dxCount == _n) Adx = _dxSum / _n;
        }
        else
        {
            Adx = ((Adx * (_n - 1)) + Dx) / _n;
        }
    }
}
