namespace Lyra.Strategies.Indicators;

/// <summary>Donchian channel: highest high and lowest low of the last N bars (including the current one), and their midpoint.</summary>
public sealed class DonchianChannel
{
    private readonly MonotonicWindow _hh;
    private readonly MonotonicWindow _ll;
    private readonly int _period;
    private int _count;
    private double _upper = double.NaN, _lower = double.NaN;

    /// <summary>Creates a channel of N bars.</summary>
    public DonchianChannel(int period = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _hh = new MonotonicWindow(period, max: true);
        _ll = new MonotonicWindow(period, max: false);
    }

    /// <summary>True after N bars.</summary>
    public bool IsReady => _count >= _period;
    /// <summary>Highest high.</summary>
    public double Upper => IsReady ? _upper : double.NaN;
    /// <summary>Lowest low.</summary>
    public double Lower => IsReady ? _lower : double.NaN;
    /// <summary>Midpoint.</summary>
    public double Middle => (Upper + Lower) / 2;

    /// <summary>Adds a bar.</summary>
    public void Update(double high, double low)
    {
        _upper = _hh.Update(high);
        _lower = _ll.Update(low);
        _count++;
    }
}
