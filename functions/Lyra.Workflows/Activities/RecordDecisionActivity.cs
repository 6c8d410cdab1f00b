using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Writes the journal of a decision (an upsert: writing it again changes nothing).</summary>
public sealed class RecordDecisionActivity(DecisionStore decisions) : TaskActivity<DecisionJournal, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, DecisionJournal input)
    {
        await decisions.SaveAsync(input, CancellationToken.None);
        return true;
    }
}
