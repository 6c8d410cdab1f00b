using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// One durable monitor per open position (eternal: <see cref="ChecksPerExecution"/> checks per execution, then
/// continue-as-new). It waits for a price tick (a candle of its market closed) or its heartbeat, checks the new candles
/// against the stops (CheckStops), and when
/// a stop or the take profit is hit, sells the position exactly once (the order step TradeFlow uses, with a client order
/// id from the instance and the candle) and writes the exit's journal. It ends when it closed the position or finds it
/// closed. Deterministic.
/// </summary>
public sealed class PositionMonitorOrchestrator : TaskOrchestrator<MonitorInput, MonitorResult?>
{
    /// <summary>The external event a price tick arrives as.</summary>
    public const string PriceEvent = "price";

    /// <summary>Strategy name of exits made by the monitor (prefix of the rule).</summary>
    public const string ExitStrategyPrefix = "risk:";

    /// <summary>
    /// Checks per execution before it continues as new: enough that heartbeat timers (one per execution, not one per
    /// tick) do not pile up as pending queue messages, few enough that an execution's history stays short to replay.
    /// </summary>
    public const int ChecksPerExecution = 25;

    /// <inheritdoc />
    public override async Task<MonitorResult?> RunAsync(TaskOrchestrationContext context, MonitorInput input)
    {
        var retry = FlowRetry.Attempts(FlowRetry.MonitorAttempts);
        using var pending = new CancellationTokenSource();
        Task<PriceTick>? tick = null;
        Task? beat = null;
        for (var check = 0; check < ChecksPerExecution; check++)
        {
            // One outstanding wait and one heartbeat timer at a time: a new one only after the last completed.
            tick ??= context.WaitForExternalEvent<PriceTick>(PriceEvent, pending.Token);
            beat ??= context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.HeartbeatSeconds), pending.Token);
            if (await Task.WhenAny(tick, beat) == tick) tick = null;
            else beat = null;

            StopCheckResult result;
            try
            {
                result = await context.CheckStopsAsync(input, retry);
            }
            catch (TaskFailedException)
            {
                continue; // storage trouble: try again at the next tick rather than leave the position unwatched
            }

            if (result.Status == "closed") return End(pending, new MonitorResult(input.MarketKey, input.EntryDecisionId, "closed", result.Detail, null));
            if (result.Status == "exit" && await ExitAsync(context, input, result, retry) is { } exitId)
            {
                return End(pending, new MonitorResult(input.MarketKey, input.EntryDecisionId, "exit", $"{result.Rule}: {result.Detail}", exitId));
            }
        }

        Cancel(pending);
        context.ContinueAsNew(input); // unprocessed ticks carry over
        return null;
    }

    /// <summary>Sells the position; the exit's decision id once booked, null when not (the next check tries again).</summary>
    private static async Task<string?> ExitAsync(TaskOrchestrationContext context, MonitorInput input, StopCheckResult check, TaskOptions retry)
    {
        // One exit per triggering candle: a retry reconciles the same order; a refused order is not asked again.
        var candle = check.CandleTime ?? context.CurrentUtcDateTime;
        var exitId = DeterministicId.From("sx-", 24, context.InstanceId, candle.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var signal = new TradeFlowInput(exitId, ExitStrategyPrefix + check.Rule, input.MarketKey, candle, TradeAction.Sell, check.Price, check.Detail);
        var flow = new FlowJournal(context, exitId, signal, typeof(PositionMonitorOrchestrator).FullName!);
        flow.Step("signal", FlowJournal.F($"{check.Rule}: {check.Detail}; selling {check.Quantity}"));
        var request = new OrderRequest(OrderStep.ClientOrderId(exitId), input.MarketKey, TradeAction.Sell, check.Quantity);
        var done = await OrderStep.RunAsync(context, flow, exitId, candle, request, null, retry);
        // Not booked: closed in the meantime (the guard in PlaceOrder), refused, or storage trouble. The order id is
        // fixed, so the next check reconciles instead of selling twice.
        if (done.Stage != OrderStep.Stage.Booked) return null;
        await flow.FinishAsync(DecisionStatus.Executed, [], retry);
        return exitId;
    }

    private static MonitorResult End(CancellationTokenSource pending, MonitorResult result)
    {
        Cancel(pending);
        return result;
    }

#pragma warning disable CA1849 // see TradeFlowOrchestrator.CancelTimer: an orchestrator may only await durable tasks
    private static void Cancel(CancellationTokenSource cts) => cts.Cancel();
#pragma warning restore CA1849
}
