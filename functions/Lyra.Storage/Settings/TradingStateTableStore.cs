using Azure.Data.Tables;
using Lyra.Risk.KillSwitch;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Settings;

/// <summary>The kill switch in the settings table (partition <c>settings</c>, row <c>trading</c>).</summary>
public sealed class TradingStateTableStore(TableProvider tables, TimeProvider time) : ITradingStateStore
{
    private const string Partition = "settings";
    private const string TradingRow = "trading";

    /// <inheritdoc />
    public async Task<TradingState> GetAsync(bool enabledByDefault, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TradingRow, cancellationToken: cancellationToken);
        return row.HasValue
            ? new TradingState(row.Value!.GetBoolean("Enabled") ?? enabledByDefault, row.Value.GetDateTimeOffset("ChangedAt"), row.Value.GetString("Reason"))
            : new TradingState(enabledByDefault, null, null);
    }

    /// <inheritdoc />
    public async Task<TradingState> SetAsync(bool enabled, string? reason, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, TradingRow) { ["Enabled"] = enabled, ["ChangedAt"] = now, ["Reason"] = reason }, TableUpdateMode.Replace, cancellationToken);
        return new TradingState(enabled, now, reason);
    }
}
