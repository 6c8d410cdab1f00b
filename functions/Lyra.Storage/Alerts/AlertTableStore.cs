using Azure;
using Azure.Data.Tables;
using Lyra.Monitoring.Alerts;
using Lyra.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Lyra.Storage.Alerts;

/// <summary>
/// Alerts in one partition, newest first (RowKey <c>inverted time|kind</c>), with an index of the open ones by kind and
/// subject (partition <c>open</c>) so a repeat within the dedup window is counted on the open alert rather than raised
/// again. Each new alert is also logged as a warning with its kind as the structured property <c>AlertKind</c>: in Azure
/// it reaches Application Insights, where the alert rules of <c>infra/modules/alerts.bicep</c> page on the kinds that need
/// a person.
/// </summary>
public sealed partial class AlertTableStore(TableProvider tables, TimeProvider time, ILogger<AlertTableStore> log, Monitoring.Events.TradeEvents? events = null,
    Lyra.Notifications.Delivery.INotificationOutbox? notifications = null) : IAlertStore, Lyra.Notifications.Delivery.IAlertAcknowledgements
{
    private const string Partition = "alerts";
    private const string OpenPartition = "open";

    /// <inheritdoc />
    public async Task<bool> RaiseAsync(string kind, string message, string subject = "", CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var now = time.GetUtcNow();
        var openKey = TableKeys.Escape(kind + "|" + subject);
        var id = "";
        var raised = await OptimisticRetry.RunAsync(async () =>
        {
            var open = await table.GetEntityIfExistsAsync<TableEntity>(OpenPartition, openKey, cancellationToken: cancellationToken);
            if (open.HasValue && open.Value!.GetDateTimeOffset("LastSeen") is { } last && now - last < AlertKinds.DedupWindow)
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, open.Value.GetString("Row"), cancellationToken: cancellationToken);
                if (row.HasValue && row.Value!.GetDateTimeOffset("AcknowledgedAt") is null)
                {
                    var a = row.Value!;
                    a["Count"] = (a.GetInt32("Count") ?? 1) + 1;
                    a["LastSeen"] = now;
                    a["Message"] = message;
                    var index = open.Value;
                    index["LastSeen"] = now;
                    await table.SubmitTransactionAsync([OptimisticRetry.Write(a, a.ETag), OptimisticRetry.Write(index, index.ETag)], cancellationToken);
                    return false;
                }
            }

            var rowKey = id = TableKeys.Descending(now) + "|" + kind + "|" + Guid.NewGuid().ToString("N")[..8];
            var alert = new TableEntity(Partition, rowKey)
            {
                ["Kind"] = kind, ["Subject"] = subject, ["Message"] = message, ["Time"] = now, ["LastSeen"] = now, ["Count"] = 1,
            };
            var openRow = new TableEntity(OpenPartition, openKey) { ["Row"] = rowKey, ["LastSeen"] = now };
            await table.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, alert), OptimisticRetry.Write(openRow, open.HasValue ? open.Value!.ETag : null)], cancellationToken);
            return true;
        }, cancellationToken);

        if (!raised) return false;
        LogAlert(log, kind, message);
        // People are told through the routed channels; the id makes a retried raise one notification.
        if (notifications is not null)
        {
            await notifications.AddAsync(new Lyra.Notifications.Notification(FormattableString.Invariant($"alert:{kind}:{subject}:{now.UtcTicks}"), kind, AlertKinds.SeverityOf(kind),
                $"{kind}{(subject.Length > 0 ? " (" + subject + ")" : "")}", message, now, AlertId: id), cancellationToken: cancellationToken);
        }

        if (events is not null)
        {
            await events.WriteAsync(FormattableString.Invariant($"alert.raised:{kind}:{now.UtcTicks}"), Monitoring.Events.TradeEventTypes.AlertRaised, "",
                new { Kind = kind, Message = message, Time = now }, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var list = new List<Alert>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            list.Add(Read(e));
            if (list.Count >= limit) break;
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<bool> IsAcknowledgedAsync(string alertId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, alertId, ["AcknowledgedAt"], cancellationToken);
        return !row.HasValue || row.Value!.GetDateTimeOffset("AcknowledgedAt") is not null;
    }

    /// <inheritdoc />
    public async Task<Alert?> AcknowledgeAsync(string id, string by, CancellationToken cancellationToken = default)
    {
        // Ids are row keys Lyra wrote (digits, kind, '|', hex); anything else names no alert (and '/', '#', '?' are not keys at all).
        if (id.Length is 0 or > 200 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '|' or '_' or '-')) return null;
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var a = row.Value!;
        if (a.GetDateTimeOffset("AcknowledgedAt") is null)
        {
            a["AcknowledgedAt"] = time.GetUtcNow();
            a["AcknowledgedBy"] = by;
            await table.UpdateEntityAsync(a, a.ETag, TableUpdateMode.Replace, cancellationToken);
            // The next occurrence opens a new alert (the index may already point elsewhere: then it stays).
            var openKey = TableKeys.Escape(a.GetString("Kind") + "|" + (a.GetString("Subject") ?? ""));
            var open = await table.GetEntityIfExistsAsync<TableEntity>(OpenPartition, openKey, cancellationToken: cancellationToken);
            if (open.HasValue && open.Value!.GetString("Row") == id)
            {
                try
                {
                    await table.DeleteEntityAsync(OpenPartition, openKey, open.Value.ETag, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    // Raised again meanwhile: that alert's index stays.
                }
            }
        }

        return Read((await table.GetEntityAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken)).Value);
    }

    private static Alert Read(TableEntity e)
    {
        var time = e.GetDateTimeOffset("Time")!.Value;
        return new Alert(time, e.GetString("Kind"), e.GetString("Message"))
        {
            Id = e.RowKey,
            Subject = e.GetString("Subject") ?? "",
            Count = e.GetInt32("Count") ?? 1,
            LastSeen = e.GetDateTimeOffset("LastSeen") ?? time,
            AcknowledgedAt = e.GetDateTimeOffset("AcknowledgedAt"),
            AcknowledgedBy = e.GetString("AcknowledgedBy"),
        };
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Lyra alert {AlertKind}: {AlertMessage}")]
    private static partial void LogAlert(ILogger logger, string alertKind, string alertMessage);
}
