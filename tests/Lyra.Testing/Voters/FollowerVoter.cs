using Lyra.Ai.Voting;

namespace Lyra.Testing.Voters;

/// <summary>A voter that agrees with whatever the strategy proposes.</summary>
public sealed class FollowerVoter(string name, double confidence) : IVoter
{
    public string Name => name;

    public Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Vote(name, context.ProposedAction, confidence, "1h", "follows the signal"));
}
