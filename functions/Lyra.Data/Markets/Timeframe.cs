using System.Globalization;
using Lyra.Core.Errors;

namespace Lyra.Data.Markets;

/// <summary>A candle interval such as <c>1m</c>, <c>1h</c> or <c>1d</c>.</summary>
public readonly record struct Timeframe
{
    private Timeframe(string code, TimeSpan duration)
    {
        Code = code;
        Duration = duration;
    }

    /// <summary>The short code (<c>1m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>).</summary>
    public string Code { get; }

    /// <summary>Length of one candle.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Length of one candle in milliseconds.</summary>
    public long Milliseconds => (long)Duration.TotalMilliseconds;

    /// <summary>One minute.</summary>
    public static Timeframe OneMinute { get; } = new("1m", TimeSpan.FromMinutes(1));

    /// <summary>The supported codes, as Binance names them.</summary>
    public static IReadOnlyList<string> SupportedCodes { get; } = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d"];

    /// <summary>Parses a code; throws <see cref="ValidationException"/> naming the unsupported value.</summary>
    public static Timeframe Parse(string code, string field = "timeframe")
    {
        if (TryParse(code, out var tf)) return tf;
        throw new ValidationException(field, $"'{code}' is not a supported timeframe; use one of {string.Join(", ", SupportedCodes)}.");
    }

    /// <summary>Tries to parse a code.</summary>
    public static bool TryParse(string? code, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrEmpty(code) || code.Length < 2 || !SupportedCodes.Contains(code)) return false;
        var n = int.Parse(code.AsSpan(0, code.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var d = code[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.Zero,
        };
        timeframe = new Timeframe(code, d);
        return true;
    }

    /// <summary>The open time of the candle that contains <paramref name="time"/>.</summary>
    public DateTimeOffset Floor(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - (ms % Milliseconds));
    }

    /// <inheritdoc />
    public override string ToString() => Code;
}
