namespace Lyra.Strategies.Indicators;

/// <summary>
/// Slow stochastic oscillator (TA-Lib STOCH with SMA smoothing): fast %K = 100·(C - LL)/(HH - LL) over N bars
/// (0 when the range is flat), %K = SMA(slowK) of fast %K, %D = SMA(slowD) of %K.
/// </summary>
public sealed class Stochastic
{
    private readonly MonotonicWindow _hh;
    private readonly MonotonicWindow _ll;
    private readonly SimpleMovingAverage _k;
    private readonly SimpleMovingAverage _d;
    private readonly int _period;
    private int _count;

    /// <summary>Creates STOCH(period, slowK, slowD).</summary>
    public Stochastic(int period = 14, int slowK = 3, int slowD = 3)
    {
        _period = period;
        _hh = new MonotonicWindow(period, max: true);
        _ll = new MonotonicWindow(period, max: false);
        _k = new SimpleMovingAverage(slowK);
        _d = new SimpleMovingAverage(slowD);
    }

    /// <summary>Slow %K.</summary>
    public double K => _k.Value;
    /// <summary>%D.</summary>
    public double D => _d.Value;
    /// <summary>True once %D has a value.</summary>
    public bool IsReady => _d.IsReady;

    /// <summary>Adds a bar.</summary>
    public void Update(double high, double low, double close)
    {
        var hh = _hh.Update(high);
        var ll = _ll.Update(low);
        if (++_count < _period) return;
        var fastK = hh - ll == 0 ? 0 : 100 * (close - ll) / (hh - ll);
        var k = _k.Update(fastK);
        if (!double.IsNaN(k)) _d.Update(k);
    }
}
