namespace Lyra.Strategies.Indicators;

/// <summary>Linearly weighted moving average (weights 1..N, newest heaviest), O(1) per update.</summary>
public sealed class WeightedMovingAverage
{
    private readonly RollingWindow _window;
    private readonly double _divisor;
    private double _weighted;

    /// <summary>Creates the WMA.</summary>
    public WeightedMovingAverage(int period)
    {
        _window = new RollingWindow(period);
        _divisor = period * (period + 1) / 2.0;
    }

    /// <summary>Period.</summary>
    public int Period => _window.Size;
    /// <summary>True after <see cref="Period"/> values.</summary>
    public bool IsReady => _window.IsFull;
    /// <summary>Current value (NaN during warm-up).</summary>
    public double Value => IsReady ? _weighted / _divisor : double.NaN;

    /// <summary>Adds a value.</summary>
    public double Update(double x)
    {
        // Sliding: every weight drops by one (subtract the old plain sum), the new value enters with weight N.
        var oldSum = _window.Sum;
        var full = _window.IsFull;
        _window.Add(x);
        _weighted = full ? _weighted - oldSum + (Period * x) : _weighted + (_window.Count * x);
        return Value;
    }
}
