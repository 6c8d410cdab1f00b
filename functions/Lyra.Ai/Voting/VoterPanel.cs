using Lyra.Core.Errors;

namespace Lyra.Ai.Voting;

/// <summary>The configured voters, looked up by name (activities receive only the name).</summary>
public sealed class VoterPanel(IEnumerable<IVoter> voters)
{
    private readonly Dictionary<string, IVoter> _voters = voters.ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>Names of all voters, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _voters.Keys];

    /// <summary>The voter called <paramref name="name"/>.</summary>
    public IVoter Get(string name) =>
        _voters.TryGetValue(name, out var v) ? v : throw new NotFoundException($"No voter named '{name}'; the panel has {string.Join(", ", _voters.Keys)}.");
}
