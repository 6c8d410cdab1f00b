namespace Lyra.Strategies.Indicators;

/// <summary>Rolling mean, population standard deviation and z-score of the latest value over N bars.</summary>
public sealed class RollingStatistics
{
    private readonly RollingWindow _window;
    private double _last = double.NaN;

    /// <summary>Creates the window.</summary>
    public RollingStatistics(int period) => _window = new RollingWindow(period);

    /// <summary>True after N values.</summary>
    public bool IsReady => _window.IsFull;
    /// <summary>Mean.</summary>
    public double Mean => IsReady ? _window.Mean : double.NaN;
    /// <summary>Population standard deviation.</summary>
    public double StdDev => IsReady ? Math.Sqrt(_window.Variance) : double.NaN;
    /// <summary>(latest - mean) / stddev; 0 when the window is flat.</summary>
    public double ZScore => !IsReady ? double.NaN : StdDev == 0 ? 0 : (_last - Mean) / StdDev;

    /// <summary>Adds a value.</summary>
    public void Update(double x)
    {
        _window.Add(x);
        _last = x;
    }
}
