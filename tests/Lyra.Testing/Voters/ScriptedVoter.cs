using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Testing.Voters;

/// <summary>A voter whose answer the test decides; can fail its first calls.</summary>
public sealed class ScriptedVoter(string name, TradeAction action, double confidence, int failFirst = 0) : IVoter
{
    private int _calls;

    public string Name => name;

    public int Calls => _calls;

    public Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _calls) <= failFirst) throw new HttpRequestException($"{name} is unreachable");
        return Task.FromResult(new Vote(name, action, confidence, "1h", $"{name} says {action}"));
    }
}
