using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 5: places the order, or, when the exchange already knows the client order id (a retry after a timeout),
/// takes the existing order instead of placing a second one. A sell never exceeds what is held now (a spot account
/// cannot sell what a stop exit or another flow already sold): it is cut to the position, or refused when nothing is
/// left. Records the order in the orders table.
/// </summary>
public sealed class PlaceOrderActivity(IExchange exchange, IOrderStore orders, IPortfolioStore portfolio, TimeProvider time, Monitoring.Events.TradeEvents events)
    : TaskActivity<PlaceOrderInput, OrderResult>
{
    /// <inheritdoc />
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, PlaceOrderInput input)
    {
        var ct = CancellationToken.None;
        using var span = Telemetry.LyraTelemetry.StartStep("order", context.InstanceId, input.Order.MarketKey);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var placed = await PlaceAsync(input, ct);
            Telemetry.LyraTelemetry.Ordered(span, placed, sw.Elapsed);
            return placed;
        }
        catch
        {
            Telemetry.LyraTelemetry.Ordered(span, null, sw.Elapsed);
            throw;
        }
    }

    private async Task<OrderResult> PlaceAsync(PlaceOrderInput input, CancellationToken ct)
    {
        var request = input.Order;
        var order = await exchange.GetOrderAsync(request.ClientOrderId, ct);
        if (order is null && request.Side == TradeAction.Sell)
        {
            var held = (await portfolio.GetAsync(ct)).Position(request.MarketKey).Quantity;
            if (held <= 0)
            {
                order = new OrderResult(request.ClientOrderId, "", request.MarketKey, request.Side, OrderStatus.Rejected, request.Quantity, 0, 0, 0, time.GetUtcNow(),
                    "nothing held to sell: the position was closed before this order");
            }
            else if (held < request.Quantity)
            {
                request = request with { Quantity = held };
            }
        }

        order ??= await exchange.PlaceOrderAsync(request, ct);
        await orders.SaveAsync(order, input.DecisionTime, input.DecisionId, ct);
        await OrderEvents.WriteAsync(events, order, ct);
        return order;
    }
}
