using Lyra.Ai.Performance;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 6: books the fill in the portfolio, exactly once per client order id: an order's fill is what it has filled so
/// far, so a resting order's partial fills book their increments as they come and its final fill only the rest. When the
/// fill closes a trade, the votes of the decision that opened it are scored against the trade's result (the track record
/// behind the weights).
/// </summary>
public sealed class RecordFillActivity(IPortfolioStore portfolio, IJournalStore<DecisionJournal> decisions, IVoterPerformanceStore performance,
    Monitoring.Events.TradeEvents events)
    : TaskActivity<RecordFillInput, PositionState>
{
    /// <inheritdoc />
    public override async Task<PositionState> RunAsync(TaskActivityContext context, RecordFillInput input)
    {
        var ct = CancellationToken.None;
        var o = input.Order;
        if (o.FilledQuantity <= 0) throw new ArgumentException($"Order {o.ClientOrderId} has filled nothing ({o.Status}).", nameof(input));
        var fill = new Fill(o.ClientOrderId, o.MarketKey, o.Side, o.FilledQuantity, o.AveragePrice, o.Fee, o.Time);
        using var span = Telemetry.LyraTelemetry.StartStep("fill", context.InstanceId, o.MarketKey);
        var applied = await portfolio.ApplyFillAsync(fill, new FillOrigin(input.DecisionId, input.DecisionTime, input.Stops), ct);
        Telemetry.LyraTelemetry.Filled(span, applied);
        if (applied.Closed is { } closed)
        {
            await events.WriteAsync("position.closed:" + o.ClientOrderId, Monitoring.Events.TradeEventTypes.PositionClosed, o.MarketKey, closed, ct);
        }
        else if (o.Side == Lyra.Core.Trading.TradeAction.Buy && applied.Position.Quantity > 0 && applied.Position.EntryDecisionId == input.DecisionId)
        {
            await events.WriteAsync("position.opened:" + input.DecisionId, Monitoring.Events.TradeEventTypes.PositionOpened, o.MarketKey, applied.Position, ct);
        }

        if (applied.Closed is { } trade && await decisions.GetAsync(trade.EntryDecisionId, ct) is { } entry)
        {
            await performance.RecordOutcomeAsync(trade.EntryDecisionId, entry.Votes, trade.Pnl > 0, ct);
        }

        return applied.Position;
    }
}
