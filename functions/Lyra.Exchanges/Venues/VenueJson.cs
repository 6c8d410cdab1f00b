using System.Globalization;
using System.Text.Json;

namespace Lyra.Exchanges.Venues;

/// <summary>Reading venue JSON, where numbers usually come as strings.</summary>
public static class VenueJson
{
    /// <summary>A decimal from a string or number element.</summary>
    public static decimal Dec(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDecimal(),
        JsonValueKind.String when e.GetString() is { Length: > 0 } s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String or JsonValueKind.Null => 0m,
        _ => throw new FormatException($"expected a number, got {e.ValueKind}"),
    };

    /// <summary>A decimal property, 0 when missing or empty.</summary>
    public static decimal Dec(JsonElement obj, string name) => obj.TryGetProperty(name, out var e) ? Dec(e) : 0m;

    /// <summary>A decimal property, null when missing or empty.</summary>
    public static decimal? DecOrNull(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null && !(e.ValueKind == JsonValueKind.String && e.GetString() is "" or null) ? Dec(e) : null;

    /// <summary>A string property, null when missing.</summary>
    public static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) ? e.ValueKind switch { JsonValueKind.String => e.GetString(), JsonValueKind.Null => null, _ => e.GetRawText() } : null;

    /// <summary>An integer from a string or number property, 0 when missing.</summary>
    public static long WholeNumber(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var e) ? 0
        : e.ValueKind == JsonValueKind.Number ? (long)e.GetDecimal()
        : e.GetString() is { Length: > 0 } s ? (long)decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    /// <summary>Invariant text of a decimal without exponent or trailing zeros.</summary>
    public static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="parse"/>, turning a malformed payload into a <see cref="VenueException"/> of kind BadResponse.</summary>
    public static T Parse<T>(string venue, string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or IndexOutOfRangeException or OverflowException)
        {
            throw new VenueException(venue, VenueErrorKind.BadResponse, $"unexpected {what} payload: {e.Message}", inner: e);
        }
    }
}
