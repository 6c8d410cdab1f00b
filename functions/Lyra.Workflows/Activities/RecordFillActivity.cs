using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Step 6: applies the fill to cash and position, exactly once per client order id. When the fill closes a trade, the
/// votes of the decision that opened it are scored against the trade's result (the track record behind the weights).
/// </summary>
public sealed class RecordFillActivity(PortfolioStore portfolio, DecisionStore decisions, VoterPerformanceStore performance) : TaskActivity<RecordFillInput, PositionState>
{
    /// <inheritdoc />
    public override async Task<PositionState> RunAsync(TaskActivityContext context, RecordFillInput input)
    {
        var ct = CancellationToken.None;
        var applied = await portfolio.ApplyFillAsync(input.Order, new FillOrigin(input.DecisionId, input.DecisionTime, input.Stops), ct);
        if (applied.Closed is { } trade && await decisions.GetAsync(trade.EntryDecisionId, ct) is { } entry)
        {
            await performance.RecordOutcomeAsync(trade.EntryDecisionId, entry.Votes, trade.Pnl > 0, ct);
        }

        return applied.Position;
    }
}
