namespace Lyra.Strategies.Strategies;

/// <summary>A tunable strategy parameter with its allowed range (the optimizer searches within it).</summary>
/// <param name="Name">Parameter name as used on the command line and in settings (<c>fast</c>).</param>
/// <param name="Default">Value used when none is given.</param>
/// <param name="Min">Smallest allowed value.</param>
/// <param name="Max">Largest allowed value.</param>
/// <param name="Description">What it controls.</param>
public sealed record StrategyParameter(string Name, double Default, double Min, double Max, string Description);
