using Lyra.Strategies.Backtesting;

namespace Lyra.Strategies.Optimization;

/// <summary>One parameter combination and how it did.</summary>
/// <param name="Parameters">The combination.</param>
/// <param name="Statistics">Its backtest statistics.</param>
/// <param name="Objective">Its objective value.</param>
/// <param name="MeetsConstraints">Whether every constraint holds.</param>
public sealed record OptimizationRow(IReadOnlyDictionary<string, double> Parameters, BacktestStatistics Statistics, double Objective, bool MeetsConstraints);

/// <summary>The leaderboard (best first; rows failing a constraint last) and the diagnostics.</summary>
/// <param name="Rows">Evaluated combinations.</param>
/// <param name="Invalid">Combinations the strategy refused (for example fast ≥ slow).</param>
/// <param name="Pbo">Probability of backtest overfitting (CSCV), when computed.</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="BarsProcessed">Bars × combinations backtested.</param>
public sealed record OptimizationResult(IReadOnlyList<OptimizationRow> Rows, int Invalid, double? Pbo, TimeSpan Elapsed, long BarsProcessed)
{
    /// <summary>The best row that meets the constraints, or null.</summary>
    public OptimizationRow? Best => Rows.Count > 0 && Rows[0].MeetsConstraints && !double.IsNaN(Rows[0].Objective) ? Rows[0] : null;

    /// <summary>Bars × combinations per second.</summary>
    public double Throughput => BarsProcessed / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>One walk-forward window.</summary>
/// <param name="InSampleStart">First in-sample bar time.</param>
/// <param name="OutOfSampleStart">First out-of-sample bar time.</param>
/// <param name="OutOfSampleEnd">Last out-of-sample bar time.</param>
/// <param name="Parameters">Best in-sample parameters (null when none met the constraints).</param>
/// <param name="InSampleObjective">Their in-sample objective.</param>
/// <param name="OutOfSampleObjective">Their out-of-sample objective.</param>
/// <param name="InSampleReturnAnnPct">In-sample annualized return, %.</param>
/// <param name="OutOfSampleReturnPct">Out-of-sample return, %.</param>
/// <param name="OutOfSampleReturnAnnPct">Out-of-sample annualized return, %.</param>
public sealed record WalkForwardWindow(
    DateTimeOffset InSampleStart, DateTimeOffset OutOfSampleStart, DateTimeOffset OutOfSampleEnd, IReadOnlyDictionary<string, double>? Parameters,
    double InSampleObjective, double OutOfSampleObjective, double InSampleReturnAnnPct, double OutOfSampleReturnPct, double OutOfSampleReturnAnnPct);

/// <summary>Rolling walk-forward analysis: optimize in sample, test the winner on the next unseen period, repeat.</summary>
/// <param name="Windows">Each window.</param>
/// <param name="OutOfSampleReturnPct">Compounded out-of-sample return over all windows, %.</param>
/// <param name="Efficiency">Mean out-of-sample annualized return / mean in-sample annualized return (1 = no degradation).</param>
/// <param name="ObjectiveDegradationPct">Mean change of the objective from in-sample to out-of-sample, % of the in-sample value.</param>
public sealed record WalkForwardResult(IReadOnlyList<WalkForwardWindow> Windows, double OutOfSampleReturnPct, double Efficiency, double ObjectiveDegradationPct);
