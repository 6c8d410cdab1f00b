using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyra.Core.Json;

/// <summary>The JSON conventions of Lyra's API, journal and queue messages: snake_case, enums as lower-case strings.</summary>
public static class LyraJson
{
    /// <summary>Options for writing and lenient-free reading (unknown members are errors).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// The field a <see cref="JsonException"/> is about, as a dotted path without the <c>$.</c> root
    /// (<c>reason</c>, <c>items[2].price</c>); <c>$</c> when it is about the document as a whole.
    /// </summary>
    public static string Field(JsonException e)
    {
        var path = e.Path;
        if (path is null or "$")
        {
            // STJ names an unmapped member in its message but reports the parent path.
            const string marker = "The JSON property '";
            var i = e.Message.IndexOf(marker, StringComparison.Ordinal);
            var end = i < 0 ? -1 : e.Message.IndexOf('\'', i + marker.Length);
            return end > 0 ? e.Message[(i + marker.Length)..end] : "$";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
