using Azure.Data.Tables;
using Lyra.Monitoring.Alerts;
using Lyra.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Lyra.Storage.Alerts;

/// <summary>
/// Alerts in one partition, newest first (RowKey <c>inverted time|kind</c>). Each alert is also logged as a warning with
/// its kind as the structured property <c>AlertKind</c>: in Azure it reaches Application Insights, where the alert rules
/// of <c>infra/modules/alerts.bicep</c> page on the kinds that need a person.
/// </summary>
public sealed partial class AlertTableStore(TableProvider tables, TimeProvider time, ILogger<AlertTableStore> log, Monitoring.Events.TradeEvents? events = null) : IAlertStore
{
    private const string Partition = "alerts";

    /// <inheritdoc />
    public async Task RaiseAsync(string kind, string message, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Descending(now) + "|" + kind) { ["Kind"] = kind, ["Message"] = message, ["Time"] = now },
            TableUpdateMode.Replace, cancellationToken);
        LogAlert(log, kind, message);
        if (events is not null)
        {
            await events.WriteAsync(FormattableString.Invariant($"alert.raised:{kind}:{now.UtcTicks}"), Monitoring.Events.TradeEventTypes.AlertRaised, "",
                new { Kind = kind, Message = message, Time = now }, cancellationToken);
        }
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

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Lyra alert {AlertKind}: {AlertMessage}")]
    private static partial void LogAlert(ILogger logger, string alertKind, string alertMessage);
}
