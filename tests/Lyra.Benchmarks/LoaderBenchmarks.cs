using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Data.Loading;
using Lyra.Data.Markets;

namespace Lyra.Benchmarks;

/// <summary>CSV and freqtrade JSON load of 1,000,000 synthetic rows from a file (target ≥ 1 M rows/s).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class LoaderBenchmarks
{
    private string _csv = "";
    private string _cacheFile = "";

    /// <summary>Rows.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the file once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _csv = Path.Combine(Path.GetTempPath(), $"lyra-bench-{Rows}.csv");
        var candles = SyntheticSeries.Generate(Rows, 7, Timeframe.OneMinute, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var w = new StreamWriter(_csv);
        w.WriteLine("Date,Open,High,Low,Close,Volume");
        foreach (var c in candles) w.WriteLine(FormattableString.Invariant($"{c.OpenTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}"));
        _cacheFile = Path.Combine(Path.GetTempPath(), $"lyra-bench-{Rows}.lyracol");
        ColumnarCache.Write(Lyra.Data.Candles.CandleSeries.From(candles), _cacheFile);
    }

    /// <summary>Load the binary columnar cache of the same file (written once in setup).</summary>
    [Benchmark]
    public int LoadCached() => ColumnarCache.TryRead(_cacheFile)!.Count;

    /// <summary>Parse and check the CSV straight into columns (Sep), as a first backtest of a clean file does.</summary>
    [Benchmark]
    public int LoadCsvFast() => FastCsvReader.TryRead(_csv)!.Value.Series.Count;

    /// <summary>Parse and validate the CSV.</summary>
    [Benchmark]
    public int LoadCsv() => CandleFileLoader.LoadAsync(_csv).GetAwaiter().GetResult().Count;
}
