namespace Lyra.Strategies.Management;

/// <summary>An activation: of an existing assignment by id, or of a new one (strategy, parameters, markets).</summary>
/// <param name="Id">The assignment's id.</param>
/// <param name="Strategy">For a new assignment (or to change one): the catalog strategy.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Markets">Its markets (none: all).</param>
/// <param name="Replaces">An assignment to deactivate in the same step (a switch).</param>
public sealed record StrategyChange(string? Id, string? Strategy = null, IReadOnlyDictionary<string, double>? Parameters = null, IReadOnlyList<string>? Markets = null,
    string? Replaces = null);
