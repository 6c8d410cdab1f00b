using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyra.Storage.Persistence;

/// <summary>
/// The JSON of persisted documents (journals, the portfolio book). Separate from the HTTP wire options on purpose: it
/// reads leniently, so a document written by an older or newer Lyra stays readable when members are added or removed
/// (unknown members are ignored, names match case-insensitively, enums also read from numbers). Every document is stored
/// with a schema version (<see cref="TableDocument"/>).
/// </summary>
public static class PersistenceJson
{
    /// <summary>The options: snake_case names and enums (the same names the first, unversioned documents used).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a <typeparamref name="T"/>; a document that does not parse is an <see cref="InvalidDataException"/> naming <paramref name="where"/>.</summary>
    public static T Deserialize<T>(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{where}: the stored document is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: the stored document does not read as {typeof(T).Name} at {e.Path}: {e.Message}", e);
        }
    }

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: true));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
