using System.Globalization;
using Lyra.Core.Errors;

namespace Lyra.Strategies.Strategies;

/// <summary>Creates strategies by name from parameters, validating names and ranges.</summary>
public static class StrategyCatalog
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<IReadOnlyDictionary<string, double>, ISignalStrategy>> Extensions = new(StringComparer.Ordinal);
    private static IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> _schemas = BuiltIn();

    /// <summary>Names and parameter schemas of the known strategies (built in, then registered ones).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas => _schemas;

    /// <summary>
    /// Adds a signal strategy defined in a module above this one (the AI-signal strategy needs Lyra.Ai). Registering the
    /// same name again replaces it. Called once at start-up by each host.
    /// </summary>
    public static void Register(string name, IReadOnlyList<StrategyParameter> schema, Func<IReadOnlyDictionary<string, double>, ISignalStrategy> factory)
    {
        Extensions[name] = factory;
        var next = new Dictionary<string, IReadOnlyList<StrategyParameter>>(_schemas, StringComparer.Ordinal) { [name] = schema };
        Interlocked.Exchange(ref _schemas, next);
    }

    private static Dictionary<string, IReadOnlyList<StrategyParameter>> BuiltIn() =>
        new(StringComparer.Ordinal)
        {
            [MovingAverageCrossStrategy.StrategyName] = MovingAverageCrossStrategy.Parameters,
            [DonchianBreakoutStrategy.StrategyName] = DonchianBreakoutStrategy.Parameters,
            ["bollinger-reversion"] = MeanReversionStrategy.Schemas["bollinger-reversion"],
            ["rsi-reversion"] = MeanReversionStrategy.Schemas["rsi-reversion"],
            ["zscore-reversion"] = MeanReversionStrategy.Schemas["zscore-reversion"],
            // Order-based: runs on its own engine (Backtests.Run), not as a signal strategy.
            ["grid"] = [new("levels", 10, 1, 200, "buy levels below the first close"), new("spacing", 0.01, 0.001, 0.2, "distance between levels as a fraction")],
            ["arbitrage"] =
            [
                new("min_edge", 0.002, 0, 0.2, "spread beyond the round-trip fees needed to enter"),
                new("exit_edge", 0.0005, 0, 0.2, "spread at which the legs are closed"),
                new("fee_b", 0.001, 0, 0.05, "commission of venue B (venue A uses --commission)"),
            ],
        };

    /// <summary>Names of the strategies that produce buy/sell signals (usable live and by <see cref="Create"/>).</summary>
    public static IEnumerable<string> SignalStrategies => Schemas.Keys.Where(k => k is not ("grid" or "arbitrage"));

    /// <summary>Creates strategy <paramref name="name"/>; unknown names, unknown parameters and out-of-range values throw <see cref="ValidationException"/>.</summary>
    public static ISignalStrategy Create(string name, IReadOnlyDictionary<string, double>? parameters = null, string field = "strategy")
    {
        var values = ResolveParameters(name, parameters, field);
        return name switch
        {
            MovingAverageCrossStrategy.StrategyName => CreateSmaCross(values, field),
            DonchianBreakoutStrategy.StrategyName => new DonchianBreakoutStrategy((int)values["entry"], (int)values["exit"]),
            "bollinger-reversion" => new MeanReversionStrategy(ReversionSignal.Bollinger, (int)values["period"], values["k"], 0),
            // The ranges (oversold ≤ 49 < 51 ≤ overbought) keep the levels ordered.
            "rsi-reversion" => new MeanReversionStrategy(ReversionSignal.Rsi, (int)values["period"], values["oversold"], values["overbought"]),
            "zscore-reversion" => new MeanReversionStrategy(ReversionSignal.ZScore, (int)values["period"], values["entry"], values["exit"]),
            _ when Extensions.TryGetValue(name, out var factory) => factory(values),
            _ => throw new ValidationException(field, $"'{name}' is an order-based strategy; it runs in backtests only (no live signals)."),
        };
    }

    /// <summary>The full parameter set of <paramref name="name"/>: defaults overridden by <paramref name="parameters"/>, each checked against its range.</summary>
    public static Dictionary<string, double> ResolveParameters(string name, IReadOnlyDictionary<string, double>? parameters, string field = "strategy")
    {
        if (!Schemas.TryGetValue(name, out var schema))
        {
            throw new ValidationException(field, $"unknown strategy '{name}'; known: {string.Join(", ", Schemas.Keys)}.");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in schema) values[p.Name] = p.Default;
        foreach (var (key, value) in parameters ?? new Dictionary<string, double>())
        {
            var p = schema.FirstOrDefault(x => x.Name == key)
                ?? throw new ValidationException($"{field}.{key}", $"strategy '{name}' has no parameter '{key}'; it has {string.Join(", ", schema.Select(x => x.Name))}.");
            if (double.IsNaN(value) || value < p.Min || value > p.Max)
            {
                throw new ValidationException($"{field}.{key}", string.Create(CultureInfo.InvariantCulture, $"{key}={value} is outside [{p.Min}, {p.Max}]."));
            }

            values[key] = value;
        }

        return values;
    }

    private static MovingAverageCrossStrategy CreateSmaCross(Dictionary<string, double> v, string field)
    {
        var fast = (int)v["fast"];
        var slow = (int)v["slow"];
        if (slow <= fast) throw new ValidationException($"{field}.slow", $"slow ({slow}) must be greater than fast ({fast}).");
        return new MovingAverageCrossStrategy(fast, slow);
    }
}
