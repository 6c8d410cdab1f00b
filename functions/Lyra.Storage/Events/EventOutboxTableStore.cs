using Azure;
using Azure.Data.Tables;
using Lyra.Monitoring.Events;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Events;

/// <summary>
/// The outbox in one partition (<c>pending</c>), row key = the event id, so writing an event twice keeps one row; rows
/// are removed once published, so the partition holds only what waits (read whole, oldest first).
/// </summary>
public sealed class EventOutboxTableStore(TableProvider tables) : IEventOutbox
{
    private const string Partition = "pending";

    /// <inheritdoc />
    public async Task AddAsync(TradeEvent e, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.EventOutbox, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, TableKeys.Escape(e.Id))
            {
                ["EventId"] = e.Id, ["Type"] = e.Type, ["MarketKey"] = e.MarketKey, ["Time"] = e.Time, ["Data"] = e.Data,
            }, cancellationToken);
        }
        catch (RequestFailedException x) when (x.Status == 409)
        {
            // Written already (a retried step): the first write stands.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TradeEvent>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.EventOutbox, cancellationToken);
        var all = new List<TradeEvent>();
        await foreach (var r in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            all.Add(new TradeEvent(r.GetString("EventId"), r.GetString("Type"), r.GetString("MarketKey") ?? "", r.GetDateTimeOffset("Time") ?? DateTimeOffset.UnixEpoch, r.GetString("Data")));
        }

        return [.. all.OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).Take(limit)];
    }

    /// <inheritdoc />
    public async Task RemoveAsync(IReadOnlyList<TradeEvent> published, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.EventOutbox, cancellationToken);
        // A row gone already (another publisher removed it) is no error: DeleteEntity treats 404 as done.
        foreach (var e in published) await table.DeleteEntityAsync(Partition, TableKeys.Escape(e.Id), ETag.All, cancellationToken);
    }
}
