using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Backtesting;

/// <summary>One entry point for every catalog strategy: signal strategies run on <see cref="Backtester"/>, the grid on <see cref="GridBacktester"/>.</summary>
public static class Backtests
{
    /// <summary>Validates the name and parameters, then runs the right engine.</summary>
    public static BacktestResult Run(IStrategyFactory strategies, CandleSeries series, string strategy, IReadOnlyDictionary<string, double>? parameters, BacktestOptions options,
        IProgress<double>? progress = null, string field = "strategy", CancellationToken cancellationToken = default) =>
        Run(strategies, series, null, strategy, parameters, options, progress, field, cancellationToken);

    /// <summary>As above, with the second venue's series for <c>arbitrage</c>.</summary>
    public static BacktestResult Run(IStrategyFactory strategies, CandleSeries series, CandleSeries? second, string strategy, IReadOnlyDictionary<string, double>? parameters, BacktestOptions options,
        IProgress<double>? progress = null, string field = "strategy", CancellationToken cancellationToken = default)
    {
        if (strategy == ArbitrageBacktester.StrategyName)
        {
            var p = strategies.ResolveParameters(strategy, parameters, field);
            if (second is null) throw new ValidationException("data2", "arbitrage needs the second venue's series (--data2 / candles2)");
            return ArbitrageBacktester.Run(series, second, p["min_edge"], p["exit_edge"], p["fee_b"], options, cancellationToken);
        }

        if (second is not null) throw new ValidationException("data2", $"{strategy} trades one series; only arbitrage takes a second");

        if (strategy == GridBacktester.StrategyName)
        {
            var p = strategies.ResolveParameters(strategy, parameters, field);
            return GridBacktester.Run(series, (int)p["levels"], p["spacing"], options, cancellationToken);
        }

        return Backtester.Run(series, strategies.Create(strategy, parameters, field), options, progress, cancellationToken);
    }

    /// <summary>Bars a strategy needs before it can trade.</summary>
    public static int WarmupBars(IStrategyFactory strategies, string strategy, IReadOnlyDictionary<string, double>? parameters) =>
        strategy is GridBacktester.StrategyName or ArbitrageBacktester.StrategyName
            ? ValidatedWarmup(strategies, strategy, parameters)
            : strategies.Create(strategy, parameters).WarmupBars;

    private static int ValidatedWarmup(IStrategyFactory strategies, string strategy, IReadOnlyDictionary<string, double>? parameters)
    {
        strategies.ResolveParameters(strategy, parameters);
        return 1;
    }
}
