using System.Text.Json;

namespace Lyra.Data.Backup;

/// <summary>One table entity of a backup file (one JSON line): its keys and its typed properties.</summary>
/// <param name="PartitionKey">Partition key.</param>
/// <param name="RowKey">Row key.</param>
/// <param name="Properties">Properties by name (the system properties Timestamp and ETag are not kept).</param>
public sealed record BackupEntity(string PartitionKey, string RowKey, IReadOnlyDictionary<string, BackupValue> Properties);

/// <summary>A typed property value. Types are the table service's: String, Int32, Int64, Double, Boolean, DateTime, Guid, Binary.</summary>
/// <param name="Type">The type name.</param>
/// <param name="Value">The value as JSON (Int64 as a string to keep every digit, DateTime as ISO 8601, Binary as Base64).</param>
public sealed record BackupValue(string Type, JsonElement Value);
