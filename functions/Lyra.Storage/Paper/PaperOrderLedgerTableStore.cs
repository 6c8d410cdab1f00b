using Azure;
using Azure.Data.Tables;
using Lyra.Storage.Orders;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Paper;

/// <summary>The paper exchange's filled orders: partition <c>orders</c>, row = client order id; the insert decides who filled first.</summary>
public sealed class PaperOrderLedgerTableStore(TableProvider tables) : IPaperOrderLedger
{
    private const string Partition = "orders";

    /// <inheritdoc />
    public async Task<OrderResult?> GetAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.PaperOrders, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(clientOrderId), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<OrderResult> AddAsync(OrderResult order, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.PaperOrders, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(order), cancellationToken);
            return order;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Someone filled this client id first: theirs is the fill.
            return (await GetAsync(order.ClientOrderId, cancellationToken))!;
        }
    }

    /// <inheritdoc />
    public async Task<OrderResult> UpdateAsync(OrderResult order, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.PaperOrders, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(order.ClientOrderId), cancellationToken: cancellationToken);
        if (!row.HasValue) return await AddAsync(order, cancellationToken);
        var known = FromEntity(row.Value!);
        if (known.IsFinal) return known;
        try
        {
            await table.UpdateEntityAsync(ToEntity(order), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return order;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another writer moved it first (a fill or a cancel): its record stands.
            return (await GetAsync(order.ClientOrderId, cancellationToken))!;
        }
    }

    private static TableEntity ToEntity(OrderResult o) =>
        OrderEntity.Write(new TableEntity(Partition, TableKeys.Escape(o.ClientOrderId)) { ["MarketKey"] = o.MarketKey }, o);

    private static OrderResult FromEntity(TableEntity e) => OrderEntity.Read(e, e.GetString("MarketKey"));
}
