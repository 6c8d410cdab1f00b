using System.Globalization;
using Lyra.Data.Candles;

namespace Lyra.Data.Loading;

/// <summary>The OHLCV CSV Lyra writes (and every reader here takes): a header, then one UTC candle per line.</summary>
public static class CandleCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "Date,Open,High,Low,Close,Volume";

    /// <summary>One candle as a line (no line break): <c>yyyy-MM-dd HH:mm:ss</c> and invariant decimals.</summary>
    public static string Row(Candle c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.OpenTime.UtcDateTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}");

    /// <summary>The open time of a line written by <see cref="Row"/>, or null when the line is not one.</summary>
    public static DateTimeOffset? TimeOf(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && DateTimeOffset.TryParseExact(line.AsSpan(0, comma), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }
}
