using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Optimization;
using Lyra.Strategies.Strategies;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class OptimizerTests
{
    private static readonly CandleSeries Series = SyntheticSeries.GenerateSeries(6000, 31, Timeframe.Parse("15m"), TestCandles.Start);
    private static readonly BacktestOptions Costs = new() { Commission = 0.001 };

    [Fact]
    public void Ranges_expand_within_the_declared_bounds_and_bad_specs_are_named()
    {
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=5:30:5", "slow=40,60,80"]);
        Assert.Equal([5.0, 10, 15, 20, 25, 30], space.Axes[0].Values);
        Assert.Equal(18, space.GridSize);
        Assert.Equal(18, space.Grid().Count());
        Assert.Equal(18, space.Grid().Select(d => $"{d["fast"]},{d["slow"]}").Distinct().Count());
        Assert.Contains("outside fast's range", Assert.Throws<ValidationException>(() => ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=1:5:1"])).Message, StringComparison.Ordinal);
        Assert.Contains("has no parameter 'speed'", Assert.Throws<ValidationException>(() => ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["speed=1:5:1"])).Message, StringComparison.Ordinal);
        Assert.Contains("min:max:step", Assert.Throws<ValidationException>(() => ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=9:5:1"])).Message, StringComparison.Ordinal);
        Assert.Equal(5, space.Random(5, 1).Count());
    }

    [Fact]
    public void The_winner_is_the_brute_force_best_and_invalid_combinations_are_counted()
    {
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=5:40:5", "slow=20:60:10"]);
        var result = Optimizer.Run(TestStrategies.BuiltIn, Series, "sma-cross", space, Costs, new OptimizerOptions { Objective = "sharpe", PboBlocks = 0 });

        var brute = space.Grid().Where(p => p["fast"] < p["slow"])
            .Select(p => (p, s: BacktestStatistics.Compute(Backtester.Run(Series, TestStrategies.BuiltIn.Create("sma-cross", p), Costs)).Sharpe))
            .OrderByDescending(x => x.s).First();
        Assert.Equal(brute.p, result.Best!.Parameters);
        Assert.Equal(brute.s, result.Best.Objective, 12);
        Assert.Equal(space.Grid().Count(p => p["fast"] >= p["slow"]), result.Invalid);
        Assert.Equal(space.GridSize - result.Invalid, result.Rows.Count);
        Assert.True(result.Rows.Zip(result.Rows.Skip(1)).All(p => p.First.Objective >= p.Second.Objective));
    }

    [Fact]
    public void One_core_and_all_cores_give_the_same_leaderboard()
    {
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "rsi-reversion", ["period=5:25:5", "oversold=20,25,30"]);
        var one = Optimizer.Run(TestStrategies.BuiltIn, Series, "rsi-reversion", space, Costs, new OptimizerOptions { Objective = "return", MaxDegreeOfParallelism = 1 });
        var all = Optimizer.Run(TestStrategies.BuiltIn, Series, "rsi-reversion", space, Costs, new OptimizerOptions { Objective = "return", MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Rows.Select(r => (r.Parameters["period"], r.Parameters["oversold"], r.Objective)), all.Rows.Select(r => (r.Parameters["period"], r.Parameters["oversold"], r.Objective)));
        Assert.Equal(one.Pbo, all.Pbo);
    }

    [Fact]
    public void Constraints_push_failing_rows_down_and_can_leave_no_winner()
    {
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=5:15:5", "slow=30,50"]);
        var none = Optimizer.Run(TestStrategies.BuiltIn, Series, "sma-cross", space, Costs, new OptimizerOptions { Constraints = [Constraint.Parse("trades>=100000")] });
        Assert.Null(none.Best);
        Assert.All(none.Rows, r => Assert.False(r.MeetsConstraints));
        var some = Optimizer.Run(TestStrategies.BuiltIn, Series, "sma-cross", space, Costs, new OptimizerOptions { Objective = "max_drawdown", Constraints = [Constraint.Parse("trades > 20")] });
        Assert.All(some.Rows.TakeWhile(r => r.MeetsConstraints), r => Assert.True(r.Statistics.Trades > 20));
        Assert.Contains("is not metric>=value", Assert.Throws<ValidationException>(() => Constraint.Parse("trades")).Message, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'alpha'", Assert.Throws<ValidationException>(() => Constraint.Parse("alpha>1")).Message, StringComparison.Ordinal);
    }

    private static double[] Curve(Random rng, int n, double drift, double vol)
    {
        var e = new double[n];
        e[0] = 100;
        for (var i = 1; i < n; i++) e[i] = e[i - 1] * (1 + drift + (vol * ((rng.NextDouble() * 2) - 1)));
        return e;
    }

    [Fact]
    public void Pbo_is_zero_when_one_configuration_dominates_every_period_and_near_half_for_pure_noise()
    {
        var rng = new Random(8);
        var dominant = Enumerable.Range(0, 20).Select(c => OverfittingDiagnostic.BlockStats(Curve(rng, 4000, c == 7 ? 0.002 : 0, 0.001), 10)).ToList();
        Assert.Equal(0, OverfittingDiagnostic.Pbo(dominant));
        var noise = Enumerable.Range(0, 40).Select(_ => OverfittingDiagnostic.BlockStats(Curve(rng, 4000, 0, 0.01), 10)).ToList();
        Assert.InRange(OverfittingDiagnostic.Pbo(noise), 0.25, 0.75);
    }

    [Fact]
    public void Walk_forward_tests_each_winner_on_the_following_unseen_period()
    {
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=5:20:5", "slow=30,60"]);
        var wf = Optimizer.WalkForward(TestStrategies.BuiltIn, Series, "sma-cross", space, Costs, new OptimizerOptions(), windows: 4, inSampleFraction: 0.75);
        Assert.Equal(4, wf.Windows.Count);
        for (var i = 1; i < 4; i++) Assert.True(wf.Windows[i].OutOfSampleStart > wf.Windows[i - 1].OutOfSampleEnd);
        Assert.All(wf.Windows, w => Assert.True(w.OutOfSampleStart > w.InSampleStart));
        var compounded = wf.Windows.Aggregate(1.0, (acc, w) => acc * (1 + (w.OutOfSampleReturnPct / 100)));
        Assert.Equal(100 * (compounded - 1), wf.OutOfSampleReturnPct, 9);
        Assert.All(wf.Windows, w => Assert.NotNull(w.Parameters));
    }

    [Fact]
    public void An_optimization_can_be_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var space = ParameterSpace.Parse(TestStrategies.BuiltIn, "sma-cross", ["fast=5:40:5", "slow=50:100:10"]);
        Assert.ThrowsAny<OperationCanceledException>(() => Optimizer.Run(TestStrategies.BuiltIn, Series, "sma-cross", space, Costs, new OptimizerOptions(), cancellationToken: cts.Token));
    }
}
