using Lyra.Ai.Voting;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Step 2: one voter's vote. Votes are pure functions of the context, so a retry asks the same question again.</summary>
public sealed class AskVoterActivity(VoterPanel panel) : TaskActivity<VoterRequest, Vote>
{
    /// <inheritdoc />
    public override Task<Vote> RunAsync(TaskActivityContext context, VoterRequest input) =>
        panel.Get(input.Voter).VoteAsync(input.Context, CancellationToken.None);
}
