using Lyra.Exchanges.Orders;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 5: places the order, or, when the exchange already knows the client order id (a retry after a timeout),
/// takes the existing order instead of placing a second one. Records it in the orders table.
/// </summary>
public sealed class PlaceOrderActivity(IExchange exchange, OrderStore orders) : TaskActivity<PlaceOrderInput, OrderResult>
{
    /// <inheritdoc />
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, PlaceOrderInput input)
    {
        var ct = CancellationToken.None;
        var order = await exchange.GetOrderAsync(input.Order.ClientOrderId, ct)
            ?? await exchange.PlaceOrderAsync(input.Order, ct);
        await orders.SaveAsync(order, input.DecisionTime, input.DecisionId, ct);
        return order;
    }
}
