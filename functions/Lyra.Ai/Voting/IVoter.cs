namespace Lyra.Ai.Voting;

/// <summary>A member of the decision panel.</summary>
public interface IVoter
{
    /// <summary>Unique voter name (<c>trend</c>, <c>mean-reversion</c>, <c>openrouter:model</c>).</summary>
    string Name { get; }

    /// <summary>Votes on the context. Implementations return an abstention rather than throw on bad data.</summary>
    Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default);
}
