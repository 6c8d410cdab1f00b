using Azure.Data.Tables;
using Lyra.Data.Storage;

namespace Lyra.Workflows.Storage;

/// <summary>Alerts raised by the system (circuit breaker trips), newest first. Notifications will fan them out.</summary>
public sealed class AlertStore(TableProvider tables, TimeProvider time)
{
    /// <summary>An alert.</summary>
    /// <param name="Time">When.</param>
    /// <param name="Kind">Machine-readable kind (<c>drawdown_breaker</c>).</param>
    /// <param name="Message">What happened, with numbers.</param>
    public sealed record Alert(DateTimeOffset Time, string Kind, string Message);

    /// <summary>Records an alert.</summary>
    public async Task RaiseAsync(string kind, string message, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity("alerts", TableKeys.Descending(now) + "|" + kind) { ["Kind"] = kind, ["Message"] = message, ["Time"] = now },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest alerts.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var list = new List<Alert>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == "alerts", cancellationToken: cancellationToken))
        {
            list.Add(new Alert(e.GetDateTimeOffset("Time")!.Value, e.GetString("Kind"), e.GetString("Message")));
            if (list.Count >= limit) break;
        }

        return list;
    }
}
