using Lyra.Core.Errors;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>One look at a resting order: its state on the exchange now, recorded in the orders table. Read-only on the venue.</summary>
public sealed class TrackOrderActivity(IExchange exchange, IOrderStore orders, Monitoring.Events.TradeEvents events) : TaskActivity<OrderRef, OrderResult>
{
    /// <inheritdoc />
    public override async Task<OrderResult> RunAsync(TaskActivityContext context, OrderRef input)
    {
        var ct = CancellationToken.None;
        var order = await exchange.GetOrderAsync(input.ClientOrderId, ct)
            ?? throw new NotFoundException($"the exchange does not know order '{input.ClientOrderId}' of decision {input.DecisionId}");
        await orders.SaveAsync(order, input.DecisionTime, input.DecisionId, ct);
        await OrderEvents.WriteAsync(events, order, ct);
        return order;
    }
}
