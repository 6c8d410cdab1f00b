using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Data.Storage;
using Lyra.Exchanges.Orders;

namespace Lyra.Workflows.Storage;

/// <summary>Orders by market (partition), newest first; the client order id makes each row unique and rewrites idempotent.</summary>
public sealed class OrderStore(TableProvider tables)
{
    /// <summary>Records an order result (insert or overwrite the same client order id).</summary>
    public async Task SaveAsync(OrderResult order, DateTimeOffset decisionTime, string decisionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Orders, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(order.MarketKey, TableKeys.Descending(decisionTime) + "|" + order.ClientOrderId)
        {
            ["ClientOrderId"] = order.ClientOrderId,
            ["ExchangeOrderId"] = order.ExchangeOrderId,
            ["DecisionId"] = decisionId,
            ["Side"] = order.Side.ToString(),
            ["Status"] = order.Status.ToString(),
            ["Quantity"] = TableKeys.Text(order.Quantity),
            ["FilledQuantity"] = TableKeys.Text(order.FilledQuantity),
            ["AveragePrice"] = TableKeys.Text(order.AveragePrice),
            ["Fee"] = TableKeys.Text(order.Fee),
            ["Time"] = order.Time,
            ["RejectReason"] = order.RejectReason,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest orders (of one market when given), newest first.</summary>
    public async Task<IReadOnlyList<OrderResult>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Orders, cancellationToken);
        var rows = marketKey is null ? table.QueryAsync<TableEntity>(cancellationToken: cancellationToken) : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey, cancellationToken: cancellationToken);
        var list = new List<OrderResult>();
        await foreach (var e in rows)
        {
            list.Add(new OrderResult(e.GetString("ClientOrderId"), e.GetString("ExchangeOrderId"), e.PartitionKey,
                Enum.Parse<TradeAction>(e.GetString("Side")), Enum.Parse<OrderStatus>(e.GetString("Status")),
                TableKeys.ParseText(e.GetString("Quantity")), TableKeys.ParseText(e.GetString("FilledQuantity")),
                TableKeys.ParseText(e.GetString("AveragePrice")), TableKeys.ParseText(e.GetString("Fee")),
                e.GetDateTimeOffset("Time")!.Value, e.GetString("RejectReason")));
        }

        return [.. list.OrderByDescending(o => o.Time).Take(limit)];
    }
}
