using Lyra.Core.Errors;

namespace Lyra.Strategies.Strategies;

/// <summary>The strategies of this module: SMA cross, Donchian breakout, the mean-reversion family, and the order-based grid and arbitrage.</summary>
public sealed class BuiltInStrategies : IStrategyProvider
{
    /// <summary>Strategies that run on their own backtest engine and produce no live signals.</summary>
    public static IReadOnlySet<string> OrderBased { get; } = new HashSet<string>(StringComparer.Ordinal) { "grid", "arbitrage" };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas { get; } = new Dictionary<string, IReadOnlyList<StrategyParameter>>(StringComparer.Ordinal)
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

    /// <inheritdoc />
    public ISignalStrategy Create(string name, IReadOnlyDictionary<string, double> parameters, string field) => name switch
    {
        MovingAverageCrossStrategy.StrategyName => CreateSmaCross(parameters, field),
        DonchianBreakoutStrategy.StrategyName => new DonchianBreakoutStrategy((int)parameters["entry"], (int)parameters["exit"]),
        "bollinger-reversion" => new MeanReversionStrategy(ReversionSignal.Bollinger, (int)parameters["period"], parameters["k"], 0),
        // The ranges (oversold ≤ 49 < 51 ≤ overbought) keep the levels ordered.
        "rsi-reversion" => new MeanReversionStrategy(ReversionSignal.Rsi, (int)parameters["period"], parameters["oversold"], parameters["overbought"]),
        "zscore-reversion" => new MeanReversionStrategy(ReversionSignal.ZScore, (int)parameters["period"], parameters["entry"], parameters["exit"]),
        _ => throw new ValidationException(field, $"'{name}' is an order-based strategy; it runs in backtests only (no live signals)."),
    };

    private static MovingAverageCrossStrategy CreateSmaCross(IReadOnlyDictionary<string, double> v, string field)
    {
        var fast = (int)v["fast"];
        var slow = (int)v["slow"];
        if (slow <= fast) throw new ValidationException($"{field}.slow", $"slow ({slow}) must be greater than fast ({fast}).");
        return new MovingAverageCrossStrategy(fast, slow);
    }
}
