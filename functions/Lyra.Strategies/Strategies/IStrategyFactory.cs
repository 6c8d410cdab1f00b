namespace Lyra.Strategies.Strategies;

/// <summary>Creates strategies by name from parameters, validating names and ranges. One per application, from DI.</summary>
public interface IStrategyFactory
{
    /// <summary>Names and parameter schemas of every known strategy.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas { get; }

    /// <summary>Names of the strategies that produce buy/sell signals (usable live and by <see cref="Create"/>).</summary>
    IEnumerable<string> SignalStrategies { get; }

    /// <summary>Creates strategy <paramref name="name"/>; unknown names, unknown parameters and out-of-range values throw <see cref="Core.Errors.ValidationException"/>.</summary>
    ISignalStrategy Create(string name, IReadOnlyDictionary<string, double>? parameters = null, string field = "strategy");

    /// <summary>The full parameter set of <paramref name="name"/>: defaults overridden by <paramref name="parameters"/>, each checked against its range.</summary>
    Dictionary<string, double> ResolveParameters(string name, IReadOnlyDictionary<string, double>? parameters, string field = "strategy");
}
