namespace Lyra.Strategies.Indicators;

/// <summary>
/// Session VWAP: Σ(typical price · volume) / Σ volume since the start of the UTC day, typical = (H + L + C) / 3.
/// Resets at 00:00 UTC, the session boundary crypto venues use.
/// </summary>
public sealed class VolumeWeightedAveragePrice
{
    private long _day = long.MinValue;
    private double _pv, _v;

    /// <summary>Current VWAP (the typical price while the session has no volume).</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds a bar with its open time in epoch milliseconds.</summary>
    public double Update(long timeMs, double high, double low, double close, double volume)
    {
        var day = timeMs >= 0 ? timeMs / 86_400_000 : ((timeMs + 1) / 86_400_000) - 1;
        if (day != _day) { _day = day; _pv = 0; _v = 0; }
        var typical = (high + low + close) / 3;
        _pv += typical * volume;
        _v += volume;
        Value = _v > 0 ? _pv / _v : typical;
        return Value;
    }
}
