using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;

namespace Lyra.Benchmarks;

/// <summary>
/// Moving-average-cross backtest over 10,000,000 synthetic 1-minute bars already in memory, on one core.
/// Target: ≥ 25 M bars/s, allocation-free per bar (allocations = the equity curve + trades).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BacktestBenchmarks
{
    private CandleSeries _series = null!;

    /// <summary>Bars in the series.</summary>
    [Params(10_000_000)]
    public int Bars { get; set; }

    /// <summary>Builds the series once.</summary>
    [GlobalSetup]
    public void Setup() => _series = SyntheticSeries.GenerateSeries(Bars, 42, Timeframe.OneMinute, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>SMA(10)/SMA(30) cross, market orders at the next open, 0.1 % commission.</summary>
    [Benchmark]
    public int SmaCross() => Backtester.Run(_series, new MovingAverageCrossStrategy(10, 30), new BacktestOptions { Commission = 0.001 }).Trades.Count;

    /// <summary>The same with stop-loss, take-profit and trailing stop checks on every bar in a position.</summary>
    [Benchmark]
    public int SmaCrossWithExits() => Backtester.Run(_series, new MovingAverageCrossStrategy(10, 30),
        new BacktestOptions { Commission = 0.001, StopLoss = 0.02, TakeProfit = 0.04, TrailingStop = 0.015, AllowShort = true }).Trades.Count;
}
