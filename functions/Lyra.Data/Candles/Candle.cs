namespace Lyra.Data.Candles;

/// <summary>One OHLCV candle. Prices and volume are <see cref="decimal"/> at rest; hot loops use <see cref="CandleSeries"/>.</summary>
/// <param name="OpenTime">Start of the interval (UTC).</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Traded base volume.</param>
public sealed record Candle(DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    /// <summary>Returns why this candle is inconsistent, or null when it is valid.</summary>
    public string? Problem()
    {
        if (Open <= 0 || High <= 0 || Low <= 0 || Close <= 0) return "prices must be positive";
        if (Volume < 0) return "volume must not be negative";
        if (Low > High) return $"low {Low} is above high {High}";
        if (Open > High || Close > High) return $"open/close above high {High}";
        if (Open < Low || Close < Low) return $"open/close below low {Low}";
        return null;
    }
}
