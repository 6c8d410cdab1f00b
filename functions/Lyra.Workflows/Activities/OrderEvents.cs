using Lyra.Exchanges.Orders;
using Lyra.Monitoring.Events;

namespace Lyra.Workflows.Activities;

/// <summary>The trade events an order's state gives (ids deterministic per order and state, so a retried step writes nothing new).</summary>
internal static class OrderEvents
{
    /// <summary>Writes order.placed once per order, then order.filled or order.canceled as its state says.</summary>
    public static async Task WriteAsync(TradeEvents events, OrderResult order, CancellationToken ct)
    {
        if (!events.Enabled || order.Status == OrderStatus.Rejected) return;
        var data = new { order.ClientOrderId, order.ExchangeOrderId, order.Side, Status = order.Status.ToString(), order.Quantity, order.FilledQuantity, order.AveragePrice, order.Fee, order.LimitPrice };
        await events.WriteAsync("order.placed:" + order.ClientOrderId, TradeEventTypes.OrderPlaced, order.MarketKey, data, ct);
        if (order.Status == OrderStatus.Filled)
        {
            await events.WriteAsync("order.filled:" + order.ClientOrderId, TradeEventTypes.OrderFilled, order.MarketKey, data, ct);
        }
        else if (order.Status == OrderStatus.PartiallyFilled && order.FilledQuantity > 0)
        {
            // One event per filled amount: each poll that sees more filled tells once.
            await events.WriteAsync(FormattableString.Invariant($"order.partially_filled:{order.ClientOrderId}:{order.FilledQuantity}"), TradeEventTypes.OrderPartiallyFilled, order.MarketKey, data, ct);
        }
        else if (order.Status is OrderStatus.Canceled or OrderStatus.Expired)
        {
            await events.WriteAsync("order.canceled:" + order.ClientOrderId, TradeEventTypes.OrderCanceled, order.MarketKey, data, ct);
        }
    }
}
