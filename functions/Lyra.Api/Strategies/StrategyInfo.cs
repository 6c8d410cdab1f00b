using Lyra.Strategies.Strategies;

namespace Lyra.Api.Strategies;

/// <summary>A strategy and its parameters (each with default, min, max and a description).</summary>
/// <param name="Name">Strategy name.</param>
/// <param name="Parameters">Its parameters.</param>
public sealed record StrategyInfo(string Name, IReadOnlyList<StrategyParameter> Parameters);
