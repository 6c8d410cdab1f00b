namespace Lyra.Strategies.Indicators;

/// <summary>
/// MACD as TA-Lib computes it: both EMAs start together at index slow-1 (the fast one seeded with the mean of the
/// last <c>fast</c> values, the slow one with the mean of the first <c>slow</c>), the signal is an EMA of the MACD line,
/// so MACD(12,26,9) has its first complete value at index 33.
/// </summary>
public sealed class MovingAverageConvergenceDivergence
{
    private readonly RollingWindow _seed;
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    /// <summary>Creates MACD(fast, slow, signal).</summary>
    public MovingAverageConvergenceDivergence(int fast = 12, int slow = 26, int signal = 9)
    {
        if (fast >= slow) throw new ArgumentOutOfRangeException(nameof(fast), $"fast ({fast}) must be below slow ({slow}).");
        _seed = new RollingWindow(slow);
        _fast = new ExponentialMovingAverage(fast);
        _slow = new ExponentialMovingAverage(slow);
        _signal = new ExponentialMovingAverage(signal);
        Fast = fast;
    }

    private int Fast { get; }
    /// <summary>MACD line (fast EMA - slow EMA).</summary>
    public double Macd { get; private set; } = double.NaN;
    /// <summary>Signal line.</summary>
    public double Signal => _signal.Value;
    /// <summary>Histogram (MACD - signal).</summary>
    public double Histogram => Macd - Signal;
    /// <summary>True once the signal line has a value.</summary>
    public bool IsReady => _signal.IsReady;

    /// <summary>Adds a close.</summary>
    public void Update(double close)
    {
        if (!_slow.IsReady)
        {
            _seed.Add(close);
            _slow.Update(close);
            if (!_slow.IsReady) return;
            var s = 0.0;
            for (var i = _seed.Count - Fast; i < _seed.Count; i++) s += _seed[i];
            _fast.Seed(s / Fast);
        }
        else
        {
            _fast.Update(close);
            _slow.Update(close);
        }

        Macd = _fast.Value - _slow.Value;
        _signal.Update(Macd);
    }
}
