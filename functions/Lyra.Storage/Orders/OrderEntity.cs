using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Orders;

/// <summary>The properties of an order in a table row (the same layout in the orders table and the paper exchange's ledger).</summary>
internal static class OrderEntity
{
    /// <summary>Writes <paramref name="o"/>'s properties into <paramref name="e"/>.</summary>
    public static TableEntity Write(TableEntity e, OrderResult o)
    {
        e["ClientOrderId"] = o.ClientOrderId;
        e["ExchangeOrderId"] = o.ExchangeOrderId;
        e["Side"] = o.Side.ToString();
        e["Status"] = o.Status.ToString();
        e["Quantity"] = TableKeys.Text(o.Quantity);
        e["FilledQuantity"] = TableKeys.Text(o.FilledQuantity);
        e["AveragePrice"] = TableKeys.Text(o.AveragePrice);
        e["Fee"] = TableKeys.Text(o.Fee);
        e["Time"] = o.Time;
        e["RejectReason"] = o.RejectReason;
        e["LimitPrice"] = o.LimitPrice is { } limit ? TableKeys.Text(limit) : null;
        return e;
    }

    /// <summary>Reads an order of <paramref name="marketKey"/> back.</summary>
    public static OrderResult Read(TableEntity e, string marketKey) =>
        new(e.GetString("ClientOrderId"), e.GetString("ExchangeOrderId") ?? "", marketKey,
            Enum.Parse<TradeAction>(e.GetString("Side"), ignoreCase: true), Enum.Parse<OrderStatus>(e.GetString("Status"), ignoreCase: true),
            TableKeys.ParseText(e.GetString("Quantity")), TableKeys.ParseText(e.GetString("FilledQuantity")),
            TableKeys.ParseText(e.GetString("AveragePrice")), TableKeys.ParseText(e.GetString("Fee")),
            e.GetDateTimeOffset("Time")!.Value, e.GetString("RejectReason"), e.GetString("LimitPrice") is { } limit ? TableKeys.ParseText(limit) : null);
}
