using Lyra.Strategies.Strategies;

namespace Lyra.Workflows.Signals;

/// <summary>Adds <c>ai-signals</c> (the offline analyst panel as a strategy) to the <see cref="IStrategyFactory"/>.</summary>
public sealed class AiSignalStrategies : IStrategyProvider
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas { get; } =
        new Dictionary<string, IReadOnlyList<StrategyParameter>>(StringComparer.Ordinal) { [AiSignalStrategy.StrategyName] = AiSignalStrategy.Parameters };

    /// <inheritdoc />
    public ISignalStrategy Create(string name, IReadOnlyDictionary<string, double> parameters, string field) => AiSignalStrategy.From(parameters);

    /// <summary>Every strategy a Lyra host knows: the built-in ones and <c>ai-signals</c>.</summary>
    public static StrategyFactory Factory() => StrategyFactory.Of(new BuiltInStrategies(), new AiSignalStrategies());
}
