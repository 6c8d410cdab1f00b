using Lyra.Data.Candles;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Backtesting;

/// <summary>One entry point for every catalog strategy: signal strategies run on <see cref="Backtester"/>, the grid on <see cref="GridBacktester"/>.</summary>
public static class Backtests
{
    /// <summary>Validates the name and parameters, then runs the right engine.</summary>
    public static BacktestResult Run(CandleSeries series, string strategy, IReadOnlyDictionary<string, double>? parameters, BacktestOptions options,
        IProgress<double>? progress = null, string field = "strategy", CancellationToken cancellationToken = default)
    {
        if (strategy == GridBacktester.StrategyName)
        {
            var p = StrategyCatalog.ResolveParameters(strategy, parameters, field);
            return GridBacktester.Run(series, (int)p["levels"], p["spacing"], options, cancellationToken);
        }

        return Backtester.Run(series, StrategyCatalog.Create(strategy, parameters, field), options, progress, cancellationToken);
    }

    /// <summary>Bars a strategy needs before it can trade.</summary>
    public static int WarmupBars(string strategy, IReadOnlyDictionary<string, double>? parameters) =>
        strategy == GridBacktester.StrategyName ? 1 : StrategyCatalog.Create(strategy, parameters).WarmupBars;
}
