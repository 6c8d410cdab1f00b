using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lyra.Data.Loading;

namespace Lyra.Data.Backup;

/// <summary>
/// The backup folder format: <c>manifest.json</c> plus one JSON-lines file per table, each line one entity with typed
/// properties. Reading checks everything a restore relies on and names the file, line and reason of the first problem.
/// </summary>
public static class BackupFormat
{
    /// <summary>The manifest's format name.</summary>
    public const string Name = "lyra-backup";

    /// <summary>The format version this Lyra writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "String", "Int32", "Int64", "Double", "Boolean", "DateTime", "Guid", "Binary" };

    /// <summary>JSON of the manifest and of the entity lines (snake_case).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson(indented: false);

    private static JsonSerializerOptions Indented { get; } = CreateJson(indented: true);

    /// <summary>Serializes one entity as a line (no line break).</summary>
    public static string Line(BackupEntity entity) => JsonSerializer.Serialize(entity, Json);

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, cancellationToken));
    }

    /// <summary>Writes the manifest into <paramref name="folder"/>.</summary>
    public static Task WriteManifestAsync(string folder, BackupManifest manifest, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Indented), new UTF8Encoding(false), cancellationToken);

    /// <summary>
    /// Reads and checks a backup folder: the manifest, every listed file present with its hash and row count, every line an
    /// entity with known property types, no key twice. Throws <see cref="DataFormatException"/> naming the file (and line)
    /// at the first problem; nothing is returned half-read.
    /// </summary>
    public static async Task<(BackupManifest Manifest, IReadOnlyDictionary<string, IReadOnlyList<BackupEntity>> Tables)> ReadAsync(string folder,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such backup folder");
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) throw new DataFormatException(manifestPath, 1, "missing: not a Lyra backup folder (or the backup did not finish)");
        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), Json)
                ?? throw new DataFormatException(manifestPath, 1, "empty manifest");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(manifestPath, (int)(e.LineNumber ?? 0) + 1, "not a manifest: " + e.Message);
        }

        if (manifest.Format != Name) throw new DataFormatException(manifestPath, 1, $"format '{manifest.Format}' is not '{Name}'");
        if (manifest.Version != Version) throw new DataFormatException(manifestPath, 1, $"format version {manifest.Version}; this Lyra reads version {Version}");
        if (manifest.Tables is null || manifest.Tables.Count == 0) throw new DataFormatException(manifestPath, 1, "lists no table");

        var tables = new Dictionary<string, IReadOnlyList<BackupEntity>>(StringComparer.Ordinal);
        foreach (var t in manifest.Tables)
        {
            if (string.IsNullOrEmpty(t.Name) || !t.Name.All(char.IsAsciiLetterOrDigit)) throw new DataFormatException(manifestPath, 1, $"table name '{t.Name}' is not letters and digits");
            if (tables.ContainsKey(t.Name)) throw new DataFormatException(manifestPath, 1, $"table '{t.Name}' is listed twice");
            if (string.IsNullOrEmpty(t.File) || Path.GetFileName(t.File) != t.File) throw new DataFormatException(manifestPath, 1, $"file '{t.File}' of table '{t.Name}' is not a plain file name");
            var path = Path.Combine(folder, t.File);
            if (!File.Exists(path)) throw new DataFormatException(path, 0, $"missing: the manifest lists it for table '{t.Name}'", "file");
            var hash = await HashAsync(path, cancellationToken);
            if (!string.Equals(hash, t.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new DataFormatException(path, 0, $"SHA-256 {hash} does not match the manifest's {t.Sha256}: the file was changed or cut short", "file");
            }

            var rows = await ReadRowsAsync(path, cancellationToken);
            if (rows.Count != t.Rows) throw new DataFormatException(path, rows.Count, $"{rows.Count} rows, the manifest says {t.Rows}", "row count");
            tables[t.Name] = rows;
        }

        return (manifest, tables);
    }

    private static async Task<List<BackupEntity>> ReadRowsAsync(string path, CancellationToken ct)
    {
        var rows = new List<BackupEntity>();
        var keys = new HashSet<(string, string)>();
        var n = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            n++;
            if (line.Length == 0) continue;
            BackupEntity? e;
            try
            {
                e = JsonSerializer.Deserialize<BackupEntity>(line, Json);
            }
            catch (JsonException x)
            {
                throw new DataFormatException(path, n, "not an entity: " + x.Message);
            }

            if (e is null || e.PartitionKey is null || e.RowKey is null) throw new DataFormatException(path, n, "partition_key and row_key are required");
            if (!keys.Add((e.PartitionKey, e.RowKey))) throw new DataFormatException(path, n, $"entity {e.PartitionKey}/{e.RowKey} appears twice");
            foreach (var (name, v) in e.Properties ?? new Dictionary<string, BackupValue>())
            {
                if (v is null || !Types.Contains(v.Type ?? "")) throw new DataFormatException(path, n, $"property '{name}' has type '{v?.Type}'; expected one of {string.Join(", ", Types)}");
                if (!TryValue(v, out _)) throw new DataFormatException(path, n, $"property '{name}': {v.Value} is not a {v.Type}");
            }

            rows.Add(e with { Properties = e.Properties ?? new Dictionary<string, BackupValue>() });
        }

        return rows;
    }

    /// <summary>The CLR value of a property (string, int, long, double, bool, DateTimeOffset, Guid or byte[]).</summary>
    public static object Value(BackupValue v) => TryValue(v, out var value) ? value : throw new FormatException($"{v.Value} is not a {v.Type}");

    /// <summary>The property of a CLR value as a backup writes it; null for types tables do not store.</summary>
    public static BackupValue? From(object? value) => value switch
    {
        string s => new("String", JsonSerializer.SerializeToElement(s)),
        int i => new("Int32", JsonSerializer.SerializeToElement(i)),
        long l => new("Int64", JsonSerializer.SerializeToElement(l.ToString(CultureInfo.InvariantCulture))),
        double d => new("Double", double.IsFinite(d) ? JsonSerializer.SerializeToElement(d) : JsonSerializer.SerializeToElement(d.ToString("R", CultureInfo.InvariantCulture))),
        bool b => new("Boolean", JsonSerializer.SerializeToElement(b)),
        DateTimeOffset t => new("DateTime", JsonSerializer.SerializeToElement(t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))),
        DateTime t => new("DateTime", JsonSerializer.SerializeToElement(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))),
        Guid g => new("Guid", JsonSerializer.SerializeToElement(g.ToString())),
        byte[] bytes => new("Binary", JsonSerializer.SerializeToElement(Convert.ToBase64String(bytes))),
        _ => null,
    };

    private static bool TryValue(BackupValue v, out object value)
    {
        value = null!;
        var j = v.Value;
        var c = CultureInfo.InvariantCulture;
        switch (v.Type)
        {
            case "String" when j.ValueKind == JsonValueKind.String: value = j.GetString()!; return true;
            case "Int32" when j.ValueKind == JsonValueKind.Number && j.TryGetInt32(out var i): value = i; return true;
            case "Int64" when j.ValueKind == JsonValueKind.String && long.TryParse(j.GetString(), NumberStyles.AllowLeadingSign, c, out var l): value = l; return true;
            case "Int64" when j.ValueKind == JsonValueKind.Number && j.TryGetInt64(out var l2): value = l2; return true;
            case "Double" when j.ValueKind == JsonValueKind.Number: value = j.GetDouble(); return true;
            case "Double" when j.ValueKind == JsonValueKind.String && double.TryParse(j.GetString(), NumberStyles.Float, c, out var d): value = d; return true;
            case "Boolean" when j.ValueKind is JsonValueKind.True or JsonValueKind.False: value = j.GetBoolean(); return true;
            case "DateTime" when j.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(j.GetString(), c, DateTimeStyles.AssumeUniversal, out var t): value = t.ToUniversalTime(); return true;
            case "Guid" when j.ValueKind == JsonValueKind.String && Guid.TryParse(j.GetString(), out var g): value = g; return true;
            case "Binary" when j.ValueKind == JsonValueKind.String:
                try { value = Convert.FromBase64String(j.GetString()!); return true; }
                catch (FormatException) { return false; }
            default: return false;
        }
    }

    private static JsonSerializerOptions CreateJson(bool indented)
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null, WriteIndented = indented };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
