using System.Collections.Concurrent;
using System.Diagnostics;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Optimization;

/// <summary>Grid or random search over a <see cref="ParameterSpace"/>, one backtest per combination, in parallel; and walk-forward analysis.</summary>
public static class Optimizer
{
    /// <summary>Backtests every chosen combination and ranks them.</summary>
    public static OptimizationResult Run(IStrategyFactory strategies, CandleSeries series, string strategy, ParameterSpace space, BacktestOptions backtest, OptimizerOptions options,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        backtest.Validate();
        var objective = MetricCatalog.Get(options.Objective);
        var combos = (options.Method == SearchMethod.Grid ? space.Grid() : space.Random(options.Samples, options.Seed)).ToList();
        var rows = new ConcurrentBag<(int Index, OptimizationRow Row, (double, double, int)[]? Blocks)>();
        var invalid = 0;
        var done = 0;
        long bars = 0;
        var sw = Stopwatch.StartNew();
        Parallel.For(0, combos.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
        {
            int warmup;
            try
            {
                warmup = Backtests.WarmupBars(strategies, strategy, combos[i]);
            }
            catch (ValidationException)
            {
                Interlocked.Increment(ref invalid); // e.g. fast ≥ slow: not a strategy, not a failure
                Report();
                return;
            }

            if (series.Count <= warmup)
            {
                Interlocked.Increment(ref invalid);
                Report();
                return;
            }

            var result = Backtests.Run(strategies, series, strategy, combos[i], backtest, cancellationToken: cancellationToken);
            var stats = BacktestStatistics.Compute(result);
            var value = objective(stats);
            var meets = options.Constraints.All(c => c.IsMet(stats));
            var blocks = options.PboBlocks > 0 ? OverfittingDiagnostic.BlockStats(result.Equity, options.PboBlocks) : null;
            rows.Add((i, new OptimizationRow(combos[i], stats, value, meets), blocks));
            Interlocked.Add(ref bars, series.Count);
            Report();
        });

        void Report()
        {
            var d = Interlocked.Increment(ref done);
            progress?.Report((double)d / combos.Count);
        }

        var sign = options.Maximize ? -1 : 1;
        // Deterministic order whatever the thread timing: rank, then the original combination order.
        var ordered = rows.OrderBy(r => r.Row.MeetsConstraints ? 0 : 1).ThenBy(r => double.IsNaN(r.Row.Objective) ? 1 : 0)
            .ThenBy(r => sign * r.Row.Objective).ThenBy(r => r.Index).ToList();
        double? pbo = options.PboBlocks > 0 && ordered.Count >= 2 ? OverfittingDiagnostic.Pbo(ordered.OrderBy(r => r.Index).Select(r => r.Blocks!).ToList()) : null;
        return new OptimizationResult(ordered.Select(r => r.Row).ToList(), invalid, pbo, sw.Elapsed, bars);
    }

    /// <summary>
    /// Rolling walk-forward: <paramref name="windows"/> consecutive out-of-sample periods, each preceded by an in-sample
    /// period <paramref name="inSampleFraction"/>/(1 - fraction) times as long, on which the parameters are chosen.
    /// Out-of-sample runs start warm-up bars early so indicators are ready; those bars cannot trade.
    /// </summary>
    public static WalkForwardResult WalkForward(IStrategyFactory strategies, CandleSeries series, string strategy, ParameterSpace space, BacktestOptions backtest, OptimizerOptions options,
        int windows, double inSampleFraction, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (windows is < 1 or > 100) throw new ValidationException("walk_forward", "walk-forward windows must be 1..100");
        if (inSampleFraction is <= 0.1 or >= 0.95) throw new ValidationException("in_sample", "the in-sample fraction must be between 0.1 and 0.95");
        var objective = MetricCatalog.Get(options.Objective);
        var oos = (int)(series.Count / (windows + (inSampleFraction / (1 - inSampleFraction))));
        var ins = series.Count - (windows * oos);
        if (oos < 10) throw new ValidationException("walk_forward", $"{series.Count} bars are too few for {windows} walk-forward windows");
        var result = new List<WalkForwardWindow>();
        var compounded = 1.0;
        var inner = options with { PboBlocks = 0 };
        for (var w = 0; w < windows; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isStart = w * oos;
            var oosStart = isStart + ins;
            var opt = Run(strategies, series.Slice(isStart, ins), strategy, space, backtest, inner, cancellationToken: cancellationToken);
            var best = opt.Best;
            double oosObjective = double.NaN, oosReturn = 0, oosAnn = double.NaN;
            if (best is not null)
            {
                var warm = Math.Min(oosStart, Backtests.WarmupBars(strategies, strategy, best.Parameters));
                var test = Backtests.Run(strategies, series.Slice(oosStart - warm, oos + warm), strategy, best.Parameters, backtest, cancellationToken: cancellationToken);
                var stats = BacktestStatistics.Compute(test);
                oosObjective = objective(stats);
                oosReturn = stats.ReturnPct;
                oosAnn = stats.ReturnAnnualizedPct;
                compounded *= 1 + (oosReturn / 100);
            }

            result.Add(new WalkForwardWindow(Time(series, isStart), Time(series, oosStart), Time(series, oosStart + oos - 1), best?.Parameters,
                best?.Objective ?? double.NaN, oosObjective, best?.Statistics.ReturnAnnualizedPct ?? double.NaN, oosReturn, oosAnn));
            progress?.Report((w + 1.0) / windows);
        }

        var valid = result.Where(r => r.Parameters is not null).ToList();
        var efficiency = valid.Count == 0 ? double.NaN : valid.Average(r => r.OutOfSampleReturnAnnPct) / valid.Average(r => r.InSampleReturnAnnPct);
        var degradation = valid.Count == 0 ? double.NaN : valid.Average(r => r.InSampleObjective == 0 ? 0 : 100 * (r.OutOfSampleObjective - r.InSampleObjective) / Math.Abs(r.InSampleObjective));
        return new WalkForwardResult(result, 100 * (compounded - 1), efficiency, degradation);
    }

    private static DateTimeOffset Time(CandleSeries s, int i) => DateTimeOffset.FromUnixTimeMilliseconds(s.Time[i]);
}
