using Azure.Data.Tables;
using Lyra.Data.Storage;

namespace Lyra.Workflows.Storage;

/// <summary>Small runtime settings: the kill switch.</summary>
public sealed class SettingsStore(TableProvider tables, TimeProvider time)
{
    private const string Partition = "settings";
    private const string TradingRow = "trading";

    /// <summary>The kill-switch state: whether trading is on, who changed it last and why.</summary>
    public sealed record TradingState(bool Enabled, DateTimeOffset? ChangedAt, string? Reason);

    /// <summary>Reads the state; <paramref name="enabledByDefault"/> when never set.</summary>
    public async Task<TradingState> GetTradingAsync(bool enabledByDefault, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TradingRow, cancellationToken: cancellationToken);
        return row.HasValue
            ? new TradingState(row.Value!.GetBoolean("Enabled") ?? enabledByDefault, row.Value.GetDateTimeOffset("ChangedAt"), row.Value.GetString("Reason"))
            : new TradingState(enabledByDefault, null, null);
    }

    /// <summary>Turns trading on or off.</summary>
    public async Task<TradingState> SetTradingAsync(bool enabled, string? reason, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, TradingRow) { ["Enabled"] = enabled, ["ChangedAt"] = now, ["Reason"] = reason }, TableUpdateMode.Replace, cancellationToken);
        return new TradingState(enabled, now, reason);
    }
}
