using Azure.Data.Tables;
using Lyra.Monitoring.Alerts;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Alerts;

/// <summary>Alerts in one partition, newest first (RowKey <c>inverted time|kind</c>).</summary>
public sealed class AlertTableStore(TableProvider tables, TimeProvider time) : IAlertStore
{
    private const string Partition = "alerts";

    /// <inheritdoc />
    public async Task RaiseAsync(string kind, string message, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Descending(now) + "|" + kind) { ["Kind"] = kind, ["Message"] = message, ["Time"] = now },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var list = new List<Alert>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new Alert(e.GetDateTimeOffset("Time")!.Value, e.GetString("Kind"), e.GetString("Message")));
            if (list.Count >= limit) break;
        }

        return list;
    }
}
