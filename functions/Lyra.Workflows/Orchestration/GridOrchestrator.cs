using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// A grid on one market, live or on paper: buy limits at <see cref="GridInput.LevelCount"/> levels spaced below the
/// center; when a level's buy fills, what it bought is offered one spacing up; when that sells, the level buys again.
/// Every buy passes the risk gate first (the kill switch, drawdown and exposure stop a grid from buying); every order
/// goes through the exchange's ledger under a client id derived from the grid, level, round and side, so a replay or a
/// restart reconciles instead of ordering twice. Resting orders are looked at on a durable timer; fills are booked as
/// they come. A <see cref="StopEvent"/> cancels what rests and ends the grid (what is held stays held). Eternal:
/// <see cref="LooksPerExecution"/> looks per execution, then continue-as-new with the levels. Deterministic.
/// </summary>
public sealed class GridOrchestrator : TaskOrchestrator<GridInput, GridResult?>
{
    /// <summary>The external event that stops a grid (its data: who stopped it).</summary>
    public const string StopEvent = "stop";

    /// <summary>Looks per execution before it continues as new (keeps each execution's history short to replay).</summary>
    public const int LooksPerExecution = 20;

    /// <summary>Journal steps carried from one execution to the next.</summary>
    public const int StepsKept = 200;

    /// <inheritdoc />
    public override async Task<GridResult?> RunAsync(TaskOrchestrationContext context, GridInput input)
    {
        var retry = FlowRetry.Attempts(3);
        var signal = new TradeFlowInput(input.GridId, "grid", input.MarketKey, input.StartedAt, TradeAction.Buy, input.Center,
            FlowJournal.F($"{input.LevelCount} levels {input.SpacingPercent}% apart below {input.Center}, {input.QuantityPerLevel} each, by {input.By}"));
        var journal = new FlowJournal(context, input.GridId, signal, typeof(GridOrchestrator).FullName!);
        journal.Update(j => j with { StartedAt = input.StartedAt });
        journal.Restore(input.Steps ?? []);
        var grid = new Grid(context, journal, input, retry);

        using var pending = new CancellationTokenSource();
        var stop = context.WaitForExternalEvent<string>(StopEvent, pending.Token);
        if (input.Levels is null)
        {
            journal.Step("grid", signal.Reason);
            await grid.StartAsync();
            await context.RecordDecisionAsync(journal.Current, retry);
        }

        for (var look = 0; look < LooksPerExecution; look++)
        {
            if (grid.Levels.All(l => l.Phase == GridPhase.Stopped)) return await grid.FinishAsync(pending, "every level stopped");
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.PollSeconds), pending.Token);
            if (await Task.WhenAny(stop, timer) == stop)
            {
                await grid.CancelAllAsync();
                return await grid.FinishAsync(pending, "stopped by " + (string.IsNullOrEmpty(stop.Result) ? "someone" : stop.Result));
            }

            await grid.LookAsync();
        }

        await context.RecordDecisionAsync(journal.Current, retry);
        Cancel(pending);
        var steps = journal.Current.Steps;
        context.ContinueAsNew(input with { Levels = grid.Levels, RealizedPnl = grid.RealizedPnl, Steps = [.. steps.Skip(Math.Max(0, steps.Count - StepsKept))] });
        return null;
    }

#pragma warning disable CA1849 // see TradeFlowOrchestrator.CancelTimer: an orchestrator may only await durable tasks
    private static void Cancel(CancellationTokenSource cts) => cts.Cancel();
#pragma warning restore CA1849

    // The grid's levels and what happens to them; every effect is an activity.
    private sealed class Grid(TaskOrchestrationContext context, FlowJournal journal, GridInput input, TaskOptions retry)
    {
        public List<GridLevel> Levels { get; } = [.. input.Levels ?? []];

        public decimal RealizedPnl { get; private set; } = input.RealizedPnl;

        public async Task StartAsync()
        {
            var step = input.Center * input.SpacingPercent / 100m;
            for (var k = 1; k <= input.LevelCount; k++)
            {
                Levels.Add(new GridLevel(k, Math.Round(input.Center - (step * k), 8), Math.Round(input.Center - (step * (k - 1)), 8), GridPhase.Buying, 0, null));
            }

            for (var k = 0; k < Levels.Count; k++) Levels[k] = await BuyAsync(Levels[k]);
        }

        public async Task LookAsync()
        {
            var live = Levels.Where(l => l.ClientOrderId is not null && l.Phase != GridPhase.Stopped).ToList();
            var looks = live.Select(l => context.TrackOrderAsync(Ref(l.ClientOrderId!), retry)).ToList();
            for (var i = 0; i < live.Count; i++)
            {
                OrderResult seen;
                try
                {
                    seen = await looks[i];
                }
                catch (TaskFailedException e)
                {
                    journal.Step("tracking", FlowJournal.F($"level {live[i].Index}: look failed, trying again later: {e.Message}"));
                    continue;
                }

                var at = Levels.FindIndex(l => l.Index == live[i].Index);
                Levels[at] = await OnSeenAsync(live[i], seen);
            }
        }

        public async Task CancelAllAsync()
        {
            for (var k = 0; k < Levels.Count; k++)
            {
                var l = Levels[k];
                if (l.ClientOrderId is null || l.Phase == GridPhase.Stopped) continue;
                try
                {
                    var order = await context.CancelOrderAsync(Ref(l.ClientOrderId), retry);
                    if (order.FilledQuantity > 0) await BookAsync(l, order);
                    journal.Step("cancel", FlowJournal.F($"level {l.Index}: {order.Status} {order.Side}, {order.FilledQuantity} filled"));
                }
                catch (TaskFailedException e)
                {
                    journal.Step("cancel", FlowJournal.F($"level {l.Index}: cancel failed ({e.Message}); reconciliation resolves it"));
                }

                Levels[k] = l with { Phase = GridPhase.Stopped, ClientOrderId = null, Note = "grid stopped" };
            }
        }

        public async Task<GridResult> FinishAsync(CancellationTokenSource pending, string reason)
        {
            Cancel(pending);
            var cycles = Levels.Sum(l => l.Round);
            var held = Levels.Sum(l => l.Held);
            await journal.FinishAsync(cycles > 0 ? DecisionStatus.Executed : DecisionStatus.Rejected, [reason], retry, "grid",
                FlowJournal.F($"{reason}: {cycles} cycles, realized {RealizedPnl}, {held} still held"));
            return new GridResult(input.GridId, cycles, RealizedPnl, reason);
        }

        private async Task<GridLevel> OnSeenAsync(GridLevel level, OrderResult order)
        {
            if (!order.IsFinal)
            {
                // A partial fill is booked as it comes; the rest keeps resting.
                if (order.FilledQuantity > 0) await BookAsync(level, order);
                return level;
            }

            if (order.FilledQuantity > 0) await BookAsync(level, order);
            if (order.Status != OrderStatus.Filled)
            {
                journal.Step("level", FlowJournal.F($"level {level.Index}: {order.Side} {order.Status} ({order.RejectReason}); the level stops"));
                return level with { Phase = GridPhase.Stopped, ClientOrderId = null, Note = order.RejectReason ?? order.Status.ToString() };
            }

            if (level.Phase == GridPhase.Buying)
            {
                var bought = level with { Phase = GridPhase.Selling, Held = order.FilledQuantity, Cost = (order.FilledQuantity * order.AveragePrice) + order.Fee, ClientOrderId = null };
                journal.Step("fill", FlowJournal.F($"level {level.Index}: bought {order.FilledQuantity} @ {order.AveragePrice}; offering it at {level.SellPrice}"));
                return await SellAsync(bought);
            }

            var profit = (order.FilledQuantity * order.AveragePrice) - order.Fee - level.Cost;
            RealizedPnl += profit;
            journal.Step("fill", FlowJournal.F($"level {level.Index}: sold {order.FilledQuantity} @ {order.AveragePrice}, cycle profit {profit}; buying again at {level.BuyPrice}"));
            return await BuyAsync(level with { Phase = GridPhase.Buying, Round = level.Round + 1, Held = 0, Cost = 0, ClientOrderId = null });
        }

        private async Task<GridLevel> BuyAsync(GridLevel level)
        {
            var id = OrderId(level, "b");
            Risk.Gate.RiskDecision risk;
            try
            {
                risk = await context.EvaluateRiskAsync(new RiskInput(id, input.MarketKey, TradeAction.Buy, level.BuyPrice), retry);
            }
            catch (TaskFailedException e)
            {
                return Stop(level, "risk gate unavailable: " + e.Message);
            }

            if (!risk.Allowed) return Stop(level, "risk gate: " + string.Join(", ", risk.Reasons));
            var quantity = Math.Min(input.QuantityPerLevel, risk.Quantity);
            return await PlaceAsync(level, new OrderRequest(OrderIds.ClientOrderId(id), input.MarketKey, TradeAction.Buy, quantity, level.BuyPrice), id);
        }

        private Task<GridLevel> SellAsync(GridLevel level)
        {
            var id = OrderId(level, "s");
            return PlaceAsync(level, new OrderRequest(OrderIds.ClientOrderId(id), input.MarketKey, TradeAction.Sell, level.Held, level.SellPrice), id);
        }

        private async Task<GridLevel> PlaceAsync(GridLevel level, OrderRequest request, string decisionId)
        {
            OrderResult order;
            try
            {
                order = await context.PlaceOrderAsync(new PlaceOrderInput(decisionId, input.StartedAt, request), retry);
            }
            catch (TaskFailedException e)
            {
                return Stop(level, "order failed: " + e.Message);
            }

            journal.Step("order", FlowJournal.F($"level {level.Index}: {request.Side} {request.Quantity} limit {request.LimitPrice}: {order.Status}"));
            return order.Status == OrderStatus.Rejected
                ? Stop(level, "refused: " + order.RejectReason)
                : await OnSeenAsync(level with { ClientOrderId = request.ClientOrderId }, order);
        }

        private async Task BookAsync(GridLevel level, OrderResult order)
        {
            try
            {
                await context.RecordFillAsync(new RecordFillInput(OrderId(level, order.Side == TradeAction.Buy ? "b" : "s"), order, input.StartedAt), retry);
            }
            catch (TaskFailedException e)
            {
                journal.Step("fill", FlowJournal.F($"level {level.Index}: not booked yet ({e.Message}); the next look books it"));
            }
        }

        private GridLevel Stop(GridLevel level, string why)
        {
            journal.Step("level", FlowJournal.F($"level {level.Index} stops: {why}"));
            return level with { Phase = GridPhase.Stopped, ClientOrderId = null, Note = why };
        }

        private string OrderId(GridLevel level, string side) => FlowJournal.F($"{input.GridId}-{level.Index}-{level.Round}-{side}");

        private OrderRef Ref(string clientOrderId) => new(input.GridId, input.StartedAt, clientOrderId);
    }
}
