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
        await PartitionCounter.WriteCountedAsync(table, entity, cancellationToken);
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
        return await PartitionCounter.SumAsync(table, marketKeys, cancellationToken);
    }

    private static TableEntity ToEntity(OrderResult order, DateTimeOffset decisionTime, string decisionId) =>
        OrderEntity.Write(new TableEntity(order.MarketKey, TableKeys.Descending(decisionTime) + "|" + order.ClientOrderId) { ["DecisionId"] = decisionId }, order);

    private static OrderResult FromEntity(TableEntity e) => OrderEntity.Read(e, e.PartitionKey);
}
