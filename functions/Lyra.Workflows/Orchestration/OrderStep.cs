using Lyra.Core.Ids;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Stops;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// The order step TradeFlow and the position monitor share: place the order under a client id derived from the decision
/// (so a retry or a replay reconciles instead of ordering twice), and when it filled, book the fill. Each part journals
/// its step; a failure says which part failed.
/// </summary>
internal static class OrderStep
{
    /// <summary>Where the step stopped.</summary>
    public enum Stage
    {
        /// <summary>The order filled (wholly, or partly before it was canceled or expired) and the fill is booked.</summary>
        Booked = 0,
        /// <summary>The exchange did not fill the order (rejected or refused).</summary>
        NotFilled = 1,
        /// <summary>Placing failed after its retries.</summary>
        PlaceFailed = 2,
        /// <summary>Booking the fill failed after its retries.</summary>
        BookFailed = 3,
    }

    /// <summary>What the step did.</summary>
    /// <param name="Stage">Where it stopped.</param>
    /// <param name="Order">The order, once placed.</param>
    /// <param name="Position">The position after the fill, once booked.</param>
    /// <param name="Error">What failed.</param>
    public sealed record Outcome(Stage Stage, OrderResult? Order, PositionState? Position, string? Error);

    /// <summary>The client order id of a decision.</summary>
    public static string ClientOrderId(string decisionId) => DeterministicId.From("ly", 30, decisionId);

    /// <summary>Runs the step for <paramref name="decisionId"/>.</summary>
    public static async Task<Outcome> RunAsync(TaskOrchestrationContext context, FlowJournal journal, string decisionId, DateTimeOffset decisionTime,
        OrderRequest request, StopPlan? stops, TaskOptions retry)
    {
        OrderResult order;
        try
        {
            order = await context.PlaceOrderAsync(new PlaceOrderInput(decisionId, decisionTime, request), retry);
        }
        catch (TaskFailedException e)
        {
            return new(Stage.PlaceFailed, null, null, e.Message);
        }

        journal.Update(j => j with { Order = order });
        journal.Step("order", FlowJournal.F($"{order.Status} {order.Side} {order.FilledQuantity} @ {order.AveragePrice} fee {order.Fee}"));
        if (!order.HasFinalFill) return new(Stage.NotFilled, order, null, order.RejectReason ?? order.Status.ToString().ToLowerInvariant());

        try
        {
            var position = await context.RecordFillAsync(new RecordFillInput(decisionId, order, decisionTime, stops), retry);
            journal.Update(j => j with { Position = position });
            journal.Step("position", FlowJournal.F($"{position.MarketKey} holds {position.Quantity} @ {position.AveragePrice}, realized {position.RealizedPnl}")
                + (position.Stops is { } st ? FlowJournal.F($", stop {st.Stop}") + (st.TakeProfit is { } tp ? FlowJournal.F($", take profit {tp}") : "") : ""));
            return new(Stage.Booked, order, position, null);
        }
        catch (TaskFailedException e)
        {
            return new(Stage.BookFailed, order, null, e.Message);
        }
    }
}
