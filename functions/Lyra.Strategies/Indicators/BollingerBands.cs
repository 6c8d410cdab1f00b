namespace Lyra.Strategies.Indicators;

/// <summary>Bollinger Bands: SMA(N) ± k · population standard deviation over N (TA-Lib BBANDS with SMA).</summary>
public sealed class BollingerBands
{
    private readonly RollingWindow _window;
    private readonly double _k;

    /// <summary>Creates bands of <paramref name="period"/> bars and <paramref name="k"/> deviations.</summary>
    public BollingerBands(int period = 20, double k = 2)
    {
        _window = new RollingWindow(period);
        _k = k;
    }

    /// <summary>True after N values.</summary>
    public bool IsReady => _window.IsFull;
    /// <summary>Middle band.</summary>
    public double Middle => IsReady ? _window.Mean : double.NaN;
    /// <summary>Standard deviation.</summary>
    public double StdDev => IsReady ? Math.Sqrt(_window.Variance) : double.NaN;
    /// <summary>Upper band.</summary>
    public double Upper => Middle + (_k * StdDev);
    /// <summary>Lower band.</summary>
    public double Lower => Middle - (_k * StdDev);

    /// <summary>Adds a value.</summary>
    public void Update(double x) => _window.Add(x);
}
