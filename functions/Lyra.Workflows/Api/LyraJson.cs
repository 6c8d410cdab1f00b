using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyra.Workflows.Api;

/// <summary>The JSON conventions of Lyra's API, journal and queue messages: snake_case, enums as lower-case strings.</summary>
public static class LyraJson
{
    /// <summary>Options for writing and lenient-free reading (unknown members are errors).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

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
