namespace Lyra.Strategies.Management;

/// <summary>Strategy assignments changed at run time, kept so that a restart (or another instance) runs the same set.</summary>
public interface IStrategyAssignmentStore
{
    /// <summary>Every stored assignment.</summary>
    Task<IReadOnlyList<StrategyAssignment>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="assignments"/> (replacing those with the same ids) in one step.</summary>
    Task SaveAsync(IReadOnlyList<StrategyAssignment> assignments, CancellationToken cancellationToken = default);
}
