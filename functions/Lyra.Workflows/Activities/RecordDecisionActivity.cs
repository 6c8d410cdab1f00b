using Lyra.Ai.Performance;
using Lyra.Core.Journals;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>
/// Writes the journal of a decision (an upsert: writing it again changes nothing). A finished decision's votes are
/// counted once in the voters' performance (calls, failures, timeouts, latency, cost).
/// </summary>
public sealed class RecordDecisionActivity(IJournalStore<DecisionJournal> decisions, IVoterPerformanceStore performance, Application.DecisionEvents events,
    Monitoring.Events.TradeEvents trade) : TaskActivity<DecisionJournal, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, DecisionJournal input)
    {
        await decisions.SaveAsync(input, CancellationToken.None);
        if (input.Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed && input.Votes.Count > 0)
        {
            await performance.RecordVotesAsync(input.Id, input.Votes, CancellationToken.None);
        }

        if (input.Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed)
        {
            Telemetry.LyraTelemetry.Finished(input);
            await trade.WriteAsync("decision.finished:" + input.Id, Monitoring.Events.TradeEventTypes.DecisionFinished, input.Signal.MarketKey,
                new { input.Id, Status = DecisionJournal.StateName(input.Status), input.Reasons, input.Signal.Strategy, input.Signal.Action, ClientOrderId = input.Order?.ClientOrderId },
                CancellationToken.None);
        }

        events.Publish(input);

        return true;
    }
}
