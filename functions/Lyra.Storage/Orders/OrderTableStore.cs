using Azure.Data.Tables;
using Lyra.Exchanges.Orders;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Orders;

/// <summary>
/// Orders by market (partition), newest first (RowKey <c>inverted decision time|client id</c>); the client order id makes
/// each row unique and rewrites idempotent. A count per market is kept in the same partition.
/// </summary>
public sealed class OrderTableStore(TableProvider tables) : IOrderStore
{
    /// <inheritdoc />
    public async Task SaveAsync(OrderResult order, DateTimeOffset decisionTime, string decisionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Orders, cancellationToken);
        var entity = ToEntity(order, decisionTime, decisionId);
        await OptimisticRetry.RunAsync(async () =>
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                return false;
            }

            var (counter, etag) = await PartitionCounter.ReadAsync(table, entity.PartitionKey, _ => true, cancellationToken);
            counter["Count"] = PartitionCounter.Value(counter) + 1;
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entity), OptimisticRetry.Write(counter, etag)], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderResult>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Orders, cancellationToken);
        var rows = marketKey is null
            ? table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("~") < 0, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey && e.RowKey.CompareTo("~") < 0, cancellationToken: cancellationToken);
        var list = new List<OrderResult>();
        await foreach (var e in rows)
        {
            list.Add(FromEntity(e));
            // Within one market's partition rows come newest first: stop at the limit.
            if (marketKey is not null && list.Count >= limit) break;
        }

        return [.. list.OrderByDescending(o => o.Time).ThenBy(o => o.ClientOrderId, StringComparer.Ordinal).Take(limit)];
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Orders, cancellationToken);
        long n = 0;
        foreach (var m in marketKeys) n += PartitionCounter.Value((await PartitionCounter.ReadAsync(table, m, _ => true, cancellationToken)).Row);
        return n;
    }

    private static TableEntity ToEntity(OrderResult order, DateTimeOffset decisionTime, string decisionId) =>
        OrderEntity.Write(new TableEntity(order.MarketKey, TableKeys.Descending(decisionTime) + "|" + order.ClientOrderId) { ["DecisionId"] = decisionId }, order);

    private static OrderResult FromEntity(TableEntity e) => OrderEntity.Read(e, e.PartitionKey);
}
