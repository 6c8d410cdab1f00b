namespace Lyra.Strategies.Strategies;

/// <summary>A module's contribution to the <see cref="IStrategyFactory"/>: names with their parameter schemas, and how to build them.</summary>
public interface IStrategyProvider
{
    /// <summary>The strategies this provider knows, with their parameters.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas { get; }

    /// <summary>
    /// Builds signal strategy <paramref name="name"/> from validated <paramref name="parameters"/> (defaults filled in);
    /// throws <see cref="Core.Errors.ValidationException"/> naming <paramref name="field"/> when the combination is invalid
    /// or the strategy only runs on its own backtest engine.
    /// </summary>
    ISignalStrategy Create(string name, IReadOnlyDictionary<string, double> parameters, string field);
}
