using Lyra.Ai.Voting;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Step 2: one voter's vote. Votes are pure functions of the context, so a retry asks the same question again.</summary>
public sealed class AskVoterActivity(VoterPanel panel) : TaskActivity<VoterRequest, Vote>
{
    /// <inheritdoc />
    public override async Task<Vote> RunAsync(TaskActivityContext context, VoterRequest input)
    {
        using var span = Telemetry.LyraTelemetry.StartStep("vote", context.InstanceId);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var vote = await panel.Get(input.Voter).VoteAsync(input.Context, CancellationToken.None);
        vote = vote with { LatencyMs = Math.Round(sw.Elapsed.TotalMilliseconds, 1) };
        Telemetry.LyraTelemetry.Voted(span, vote);
        return vote;
    }
}
