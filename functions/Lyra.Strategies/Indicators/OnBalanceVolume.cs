namespace Lyra.Strategies.Indicators;

/// <summary>On-balance volume: starts at the first bar's volume, then adds volume on up closes and subtracts it on down closes.</summary>
public sealed class OnBalanceVolume
{
    private double _prev = double.NaN;

    /// <summary>Current OBV.</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds a bar.</summary>
    public double Update(double close, double volume)
    {
        if (double.IsNaN(_prev)) Value = volume;
        else if (close > _prev) Value += volume;
        else if (close < _prev) Value -= volume;
        _prev = close;
        return Value;
    }
}
