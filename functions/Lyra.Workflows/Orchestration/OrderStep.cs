using Lyra.Core.Ids;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Stops;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// The order step TradeFlow and the position monitor share: place the order under a client id derived from the decision
/// (so a retry or a replay reconciles instead of ordering twice); a limit order that rests is watched on durable timers
/// (the wait doubling up to a cap), its partial fills booked as they come, and canceled when its time to live runs out;
/// when it filled, book the fill. Each part journals its step; a failure says which part failed.
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
    public static string ClientOrderId(string decisionId) => OrderIds.ClientOrderId(decisionId);

    /// <summary>Runs the step for <paramref name="decisionId"/>.</summary>
    public static async Task<Outcome> RunAsync(TaskOrchestrationContext context, FlowJournal journal, string decisionId, DateTimeOffset decisionTime,
        OrderRequest request, StopPlan? stops, TaskOptions retry, OrderTracking? tracking = null)
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
        journal.Step("order", FlowJournal.F($"{order.Status} {order.Side} {order.FilledQuantity} @ {order.AveragePrice} fee {order.Fee}")
            + (order.LimitPrice is { } limit ? FlowJournal.F($", limit {limit}") : ""));
        if (!order.IsFinal && request.LimitPrice is not null)
        {
            var tracked = await TrackAsync(context, journal, new OrderRef(decisionId, decisionTime, request.ClientOrderId), order, stops, retry,
                tracking ?? new OrderTracking(2, 60, 3_600));
            if (tracked.Error is { } failed) return new(Stage.PlaceFailed, tracked.Order, null, failed);
            order = tracked.Order;
        }

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

    // Watches a resting order until it is final: looks on a durable timer whose wait doubles up to the cap, books each
    // partial fill as it comes (the portfolio books an order's fill by increments), and cancels at the time to live.
    private static async Task<(OrderResult Order, string? Error)> TrackAsync(TaskOrchestrationContext context, FlowJournal journal, OrderRef order,
        OrderResult current, StopPlan? stops, TaskOptions retry, OrderTracking tracking)
    {
        var deadline = context.CurrentUtcDateTime.AddSeconds(tracking.TimeToLiveSeconds);
        var wait = TimeSpan.FromSeconds(tracking.FirstPollSeconds);
        var booked = 0m;
        journal.Step("tracking", FlowJournal.F($"resting; looked at after {tracking.FirstPollSeconds} s, then up to every {tracking.MaxPollSeconds} s; canceled at {deadline:u} unless filled"));
        // Bounded (and the time to live is at most a day): the doubling waits, the capped ones until the deadline, and a
        // few more looks after a cancel the venue has not confirmed yet.
        var looks = (tracking.TimeToLiveSeconds / Math.Max(1, tracking.MaxPollSeconds)) + 40;
        for (var look = 0; look <= looks; look++)
        {
            if (!current.IsFinal && current.FilledQuantity > booked)
            {
                try
                {
                    var position = await context.RecordFillAsync(new RecordFillInput(order.DecisionId, current, order.DecisionTime, stops), retry);
                    booked = current.FilledQuantity;
                    journal.Update(j => j with { Order = current, Position = position });
                    journal.Step("partial fill", FlowJournal.F($"{current.FilledQuantity} of {current.Quantity} filled @ {current.AveragePrice}; position {position.Quantity}"));
                }
                catch (TaskFailedException e)
                {
                    journal.Step("partial fill", "not booked yet: " + e.Message); // booked with the next fill or the final one
                }
            }

            if (current.IsFinal) return (current, null);
            if (context.CurrentUtcDateTime >= deadline)
            {
                try
                {
                    current = await context.CancelOrderAsync(order, retry);
                }
                catch (TaskFailedException e)
                {
                    // The venue keeps the order; reconciliation resolves it and books what fills.
                    return (current, "cancel after the time to live failed: " + e.Message);
                }

                journal.Update(j => j with { Order = current });
                journal.Step("cancel", FlowJournal.F($"time to live ran out: {current.Status}, {current.FilledQuantity} filled"));
                if (current.IsFinal) return (current, null);
                deadline = context.CurrentUtcDateTime.AddSeconds(tracking.MaxPollSeconds); // asked again after one more wait
            }

            var next = context.CurrentUtcDateTime + wait;
            await context.CreateTimer(next < deadline ? next : deadline, CancellationToken.None);
            wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, tracking.MaxPollSeconds));
            try
            {
                var seen = await context.TrackOrderAsync(order, retry);
                if (seen.Status != current.Status || seen.FilledQuantity != current.FilledQuantity)
                {
                    journal.Step("tracking", FlowJournal.F($"{seen.Status}, {seen.FilledQuantity} of {seen.Quantity} filled"));
                }

                current = seen;
            }
            catch (TaskFailedException e)
            {
                journal.Step("tracking", "look failed, trying again later: " + e.Message);
            }
        }

        return current.IsFinal ? (current, null) : (current, FlowJournal.F($"still {current.Status} after {looks} looks and a cancel; reconciliation resolves it"));
    }
}
