using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 5: places the order, or, when the exchange already knows the client order id (a retry after a timeout),
/// takes the existing order instead of placing a second one. A sell never exceeds what is held now (a spot account
/// cannot sell what a stop exit or another flow already sold): it is cut to the position, or refused when nothing is
/// left. Records the order in the orders table.
/// </summary>
public sealed class PlaceOrderActivity(IExchange exchange, OrderStore orders, PortfolioStore portfolio, TimeProvider time) : TaskActivity<PlaceOrderInput, OrderResult>
{
    /// <inheritdoc />
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, PlaceOrderInput input)
    {
        var ct = CancellationToken.None;
        var request = input.Order;
        var order = await exchange.GetOrderAsync(request.ClientOrderId, ct);
        if (order is null && request.Side == TradeAction.Sell)
        {
            var held = (await portfolio.GetPositionAsync(request.MarketKey, ct)).Quantity;
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
        return order;
    }
}
