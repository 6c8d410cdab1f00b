using Lyra.Core.Errors;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Cancels a resting order whose time to live ran out and records its state after the cancel (what filled before stays
/// filled). Idempotent: canceling a canceled or filled order returns it as it is.
/// </summary>
public sealed class CancelOrderActivity(IExchange exchange, IOrderStore orders, Monitoring.Events.TradeEvents events) : TaskActivity<OrderRef, OrderResult>
{
    /// <inheritdoc />
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, OrderRef input)
    {
        var ct = CancellationToken.None;
        var order = await exchange.CancelOrderAsync(input.ClientOrderId, ct)
            ?? throw new NotFoundException($"the exchange does not know order '{input.ClientOrderId}' of decision {input.DecisionId}");
        await orders.SaveAsync(order, input.DecisionTime, input.DecisionId, ct);
        await OrderEvents.WriteAsync(events, order, ct);
        return order;
    }
}
