using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyra.Core.Options;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Settings;

/// <summary>The settings changed at run time, one row (partition <c>settings</c>, row <c>runtime</c>) replaced under its ETag.</summary>
public sealed class RuntimeSettingsTableStore(TableProvider tables) : IRuntimeSettingsStore
{
    private const string Partition = "settings";
    private const string Row = "runtime";

    /// <inheritdoc />
    public async Task<RuntimeSettingsSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (!row.HasValue) return RuntimeSettingsSnapshot.Empty;
        var e = row.Value!;
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Values") ?? "{}")
            ?? throw new InvalidDataException($"{table.Name}/{Partition}/{Row}: Values is not an object of strings");
        return new RuntimeSettingsSnapshot(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase), e.ETag.ToString(), e.GetDateTimeOffset("UpdatedAt"), e.GetString("UpdatedBy"));
    }

    /// <inheritdoc />
    public async Task<bool> SaveAsync(RuntimeSettingsSnapshot next, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var row = new TableEntity(Partition, Row)
        {
            ["Values"] = JsonSerializer.Serialize(next.Values.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary()),
            ["UpdatedAt"] = next.UpdatedAt,
            ["UpdatedBy"] = next.UpdatedBy,
        };
        try
        {
            if (expectedVersion is null) await table.AddEntityAsync(row, cancellationToken);
            else await table.UpdateEntityAsync(row, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
