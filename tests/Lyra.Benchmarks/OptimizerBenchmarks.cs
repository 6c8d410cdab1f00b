using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Optimization;

namespace Lyra.Benchmarks;

/// <summary>Optimizer throughput (bars × parameter sets per second) on 1 and 2 cores: 24 SMA-cross sets over 1,000,000 bars.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class OptimizerBenchmarks
{
    private CandleSeries _series = null!;
    private static readonly Lyra.Strategies.Strategies.IStrategyFactory Strategies = Lyra.Strategies.Strategies.StrategyFactory.Of(new Lyra.Strategies.Strategies.BuiltInStrategies());
    private ParameterSpace _space = null!;

    /// <summary>Parallel backtests.</summary>
    [Params(1, 2)]
    public int Cores { get; set; }

    /// <summary>Builds the series and the grid.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _series = SyntheticSeries.GenerateSeries(1_000_000, 5, Timeframe.OneMinute, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _space = ParameterSpace.Parse(Strategies, "sma-cross", ["fast=5:30:5", "slow=40:100:20"]);
    }

    /// <summary>Grid search, no overfitting diagnostic.</summary>
    [Benchmark]
    public int Grid() => Optimizer.Run(Strategies, _series, "sma-cross", _space, new BacktestOptions { Commission = 0.001 },
        new OptimizerOptions { MaxDegreeOfParallelism = Cores, PboBlocks = 0 }).Rows.Count;
}
