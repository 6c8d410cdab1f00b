using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// One durable monitor per open position (eternal: one check per execution, then continue-as-new). It waits for a price
/// tick (a candle of its market closed) or its heartbeat, checks the new candles against the stops (CheckStops), and when
/// a stop or the take profit is hit, sells the position exactly once (client order id from the instance id), records
/// the fill and writes the exit's journal. It ends when it closed the position or finds it closed. Deterministic.
/// </summary>
public sealed class PositionMonitorOrchestrator : TaskOrchestrator<MonitorInput, MonitorResult?>
{
    /// <summary>The external event a price tick arrives as.</summary>
    public const string PriceEvent = "price";

    /// <summary>Strategy name of exits made by the monitor (prefix of the rule).</summary>
    public const string ExitStrategyPrefix = "risk:";

    /// <inheritdoc />
    public override async Task<MonitorResult?> RunAsync(TaskOrchestrationContext context, MonitorInput input)
    {
        using (var cts = new CancellationTokenSource())
        {
            var tick = context.WaitForExternalEvent<PriceTick>(PriceEvent, cts.Token);
            var beat = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.HeartbeatSeconds), cts.Token);
            await Task.WhenAny(tick, beat);
            Cancel(cts);
        }

        StopCheckResult check;
        try
        {
            check = await context.CallActivityAsync<StopCheckResult>(TaskNames.CheckStops, input, Retry);
        }
        catch (TaskFailedException)
        {
            // Storage trouble: try again at the next tick rather than leave the position unwatched.
            context.ContinueAsNew(input);
            return null;
        }

        if (check.Status == "closed") return new MonitorResult(input.MarketKey, input.EntryDecisionId, "closed", check.Detail, null);
        if (check.Status != "exit")
        {
            context.ContinueAsNew(input);
            return null;
        }

        var started = context.CurrentUtcDateTime;
        var candle = check.CandleTime ?? started;
        // One exit per triggering candle: a retry reconciles the same order; a refused order is not asked again.
        var exitId = DeterministicId.From("sx-", 24, context.InstanceId, candle.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var signal = new TradeFlowInput(exitId, ExitStrategyPrefix + check.Rule, input.MarketKey, candle, TradeAction.Sell, check.Price, check.Detail);
        var steps = new List<JournalStep> { new("signal", started, $"{check.Rule}: {check.Detail}; selling {check.Quantity}") };
        OrderResult order;
        PositionState position;
        try
        {
            var request = new OrderRequest(DeterministicId.From("ly", 30, exitId), input.MarketKey, TradeAction.Sell, check.Quantity);
            order = await context.CallActivityAsync<OrderResult>(TaskNames.PlaceOrder, new PlaceOrderInput(exitId, candle, request), Retry);
            steps.Add(new("order", context.CurrentUtcDateTime, $"{order.Status} {order.Side} {order.FilledQuantity} @ {order.AveragePrice} fee {order.Fee}"));
            if (order.Status != OrderStatus.Filled)
            {
                // Closed in the meantime (the guard in PlaceOrder) or refused: look again at the next tick.
                context.ContinueAsNew(input);
                return null;
            }

            position = await context.CallActivityAsync<PositionState>(TaskNames.RecordFill, new RecordFillInput(exitId, order, candle), Retry);
            steps.Add(new("position", context.CurrentUtcDateTime, $"{position.MarketKey} holds {position.Quantity}, realized {position.RealizedPnl}"));
        }
        catch (TaskFailedException)
        {
            // The order id is fixed, so the next attempt reconciles instead of selling twice.
            context.ContinueAsNew(input);
            return null;
        }

        var journal = new DecisionJournal
        {
            Id = exitId, Signal = signal, Status = DecisionStatus.Executed, StartedAt = started, CompletedAt = context.CurrentUtcDateTime,
            Order = order, Position = position, Steps = steps,
        };
        await context.CallActivityAsync(TaskNames.RecordDecision, journal, Retry);
        return new MonitorResult(input.MarketKey, input.EntryDecisionId, "exit", $"{check.Rule}: {check.Detail}", exitId);
    }

#pragma warning disable CA1849 // see TradeFlowOrchestrator.CancelTimer: an orchestrator may only await durable tasks
    private static void Cancel(CancellationTokenSource cts) => cts.Cancel();
#pragma warning restore CA1849

    private static TaskOptions Retry => TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(500), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));
}
