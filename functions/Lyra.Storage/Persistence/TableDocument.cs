using System.Globalization;
using Azure.Data.Tables;

namespace Lyra.Storage.Persistence;

/// <summary>
/// A JSON document in a table entity with its schema version. A property holds at most 64 KiB, so long documents are
/// split over <c>Json</c>, <c>Json1</c>, <c>Json2</c>, ... (an entity holds up to 1 MiB).
/// </summary>
public static class TableDocument
{
    /// <summary>Property holding the schema version.</summary>
    public const string VersionProperty = "SchemaVersion";

    private const string JsonProperty = "Json";
    private const int ChunkChars = 30_000; // UTF-16: 60 KB per property, under the 64 KiB limit
    private const int MaxChunks = 15;

    /// <summary>Writes <paramref name="json"/> and <paramref name="version"/> into <paramref name="entity"/>.</summary>
    public static void Write(TableEntity entity, string json, int version)
    {
        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey}: a document of {json.Length} characters does not fit in one table entity.");
        }

        entity[VersionProperty] = version;
        for (var i = 0; i < Math.Max(1, chunks); i++)
        {
            entity[Name(i)] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }
    }

    /// <summary>
    /// The document in <paramref name="entity"/> and its version; null when it holds none. Documents newer than
    /// <paramref name="supportedVersion"/> are refused: they may mean something this version does not know.
    /// </summary>
    public static string? Read(TableEntity entity, int supportedVersion)
    {
        if (entity.GetString(JsonProperty) is not { } first) return null;
        var version = entity.GetInt32(VersionProperty) ?? 0;
        if (version > supportedVersion)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{entity.PartitionKey}/{entity.RowKey}: stored with schema version {version}, this Lyra reads up to {supportedVersion}; upgrade Lyra."));
        }

        if (entity.GetString(Name(1)) is null) return first;
        var parts = new List<string> { first };
        for (var i = 1; entity.GetString(Name(i)) is { } part; i++) parts.Add(part);
        return string.Concat(parts);
    }

    private static string Name(int i) => i == 0 ? JsonProperty : JsonProperty + i.ToString(CultureInfo.InvariantCulture);
}
