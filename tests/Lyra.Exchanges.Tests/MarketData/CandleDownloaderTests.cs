using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Downloads;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Exchanges.Binance;
using Lyra.Exchanges.MarketData;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.MarketData;

/// <summary><see cref="CandleDownloader"/> over the real venue sources against loopback fakes of their candle endpoints.</summary>
public sealed class CandleDownloaderTests : IAsyncLifetime
{
    private static readonly Market Btc = new("binance", "BTCUSDT", Timeframe.OneMinute);
    private static readonly IReadOnlyList<Candle> Series = TestCandles.FromCloses([.. Enumerable.Range(0, 2600).Select(i => 100m + (i % 37) - (i % 11 * 0.25m))]);
    private static readonly DateTimeOffset End = TestCandles.Start.AddMinutes(2600);
    private FakeBinanceServer _server = null!;
    private HttpClient _http = null!;
    private readonly List<HttpClient> _clients = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-download-").FullName;

    public async Task InitializeAsync()
    {
        _server = await FakeBinanceServer.StartAsync();
        _server.SetSeries("BTCUSDT", Series);
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _clients.ForEach(c => c.Dispose());
        await _server.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    // A client's base address is fixed once it has sent a request: each downloader gets its own, as each lyra run does.
    private CandleDownloader Downloader(int retries = 3)
    {
        var http = new HttpClient();
        _clients.Add(http);
        return new(PublicCandleSource.Create("binance", http, _server.BaseAddress.ToString(), TimeProvider.System), TimeProvider.System) { Retries = retries, RetryDelay = TimeSpan.FromMilliseconds(1) };
    }

    private string File(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Pages_the_range_within_binances_limit_and_writes_a_file_backtest_reads()
    {
        var path = File("btc.csv");
        var seen = new List<DownloadProgress>();
        var result = await Downloader().DownloadAsync(Btc, TestCandles.Start.AddMinutes(100), End, path, new SyncProgress<DownloadProgress>(seen.Add));

        Assert.Equal(Series.Skip(100), await CandleFileLoader.LoadAsync(path));
        Assert.Equal((0, 2500, 2500, 0), (result.Resumed, result.Added, result.Quality.Rows, result.Quality.Gaps));
        Assert.Equal(TestCandles.Start.AddMinutes(100).ToUnixTimeMilliseconds(), StartTime(_server.Requests.First()));
        Assert.All(_server.Requests, q => Assert.Contains("limit=1000", q, StringComparison.Ordinal));
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([0, 1000, 2000, 2500], seen.Select(p => p.Candles));
        Assert.All(seen, p => Assert.Equal(2500, p.Expected));
        Assert.NotNull(FastCsvReader.TryRead(path)); // the fast path reads it too
    }

    [Fact]
    public async Task An_interrupted_download_keeps_whole_chunks_and_the_same_call_resumes_after_the_last_candle()
    {
        var path = File("resume.csv");
        // The venue fails for good after the first chunk: retries run out, the call stops.
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() => Downloader(retries: 2).DownloadAsync(Btc, TestCandles.Start, End, path,
            new SyncProgress<DownloadProgress>(p => { if (p.Candles == 1000) _server.FailNext(100); })));
        Assert.Equal(500, e.HttpStatus);
        Assert.Equal(Series.Take(1000), await CandleFileLoader.LoadAsync(path));
        Assert.Equal(1 + 3, _server.Requests.Count); // one chunk, then one try and two retries

        // A write torn by a kill: half a line at the end is cut off before resuming.
        await System.IO.File.AppendAllTextAsync(path, "2024-01-01 16:40:00,100.5,1");
        _server.FailNext(0);
        while (_server.Requests.TryDequeue(out _)) { }
        var result = await Downloader().DownloadAsync(Btc, TestCandles.Start, End, path);

        Assert.Equal((1000, 1600), (result.Resumed, result.Added));
        Assert.Equal(Series[999].OpenTime.ToUnixTimeMilliseconds() + 1, StartTime(_server.Requests.First()));
        Assert.Equal(Series, await CandleFileLoader.LoadAsync(path));

        // Once complete, the same call asks for nothing more than the (empty) rest.
        while (_server.Requests.TryDequeue(out _)) { }
        var again = await Downloader().DownloadAsync(Btc, TestCandles.Start, End, path);
        Assert.Equal((2600, 0), (again.Resumed, again.Added));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_transient_error_is_retried_and_the_file_is_complete()
    {
        var path = File("retry.csv");
        _server.FailNext(2);
        var result = await Downloader().DownloadAsync(Btc, TestCandles.Start, TestCandles.Start.AddMinutes(500), path);
        Assert.Equal(500, result.Added);
        Assert.Equal(Series.Take(500), await CandleFileLoader.LoadAsync(path));
    }

    [Fact]
    public async Task A_bad_candle_stops_the_download_naming_it_and_nothing_of_its_chunk_is_written()
    {
        var bad = Series.ToList();
        bad[1500] = bad[1500] with { High = bad[1500].Low / 2 };
        _server.SetSeries("BTCUSDT", bad);
        var path = File("bad.csv");
        var e = await Assert.ThrowsAsync<DataFormatException>(() => Downloader().DownloadAsync(Btc, TestCandles.Start, End, path));
        Assert.StartsWith("bad.csv: line 1502: binance sent a bad binance:BTCUSDT:1m candle at 2024-01-02 01:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("is above high", e.Message, StringComparison.Ordinal);
        Assert.Equal(Series.Take(1000), await CandleFileLoader.LoadAsync(path));
    }

    [Fact]
    public async Task Gaps_on_the_venues_side_are_reported_not_invented()
    {
        _server.SetSeries("BTCUSDT", [.. Series.Where((_, i) => i is < 300 or >= 345)]);
        var result = await Downloader().DownloadAsync(Btc, TestCandles.Start, TestCandles.Start.AddMinutes(600), File("gaps.csv"));
        Assert.Equal((555, 1, TimeSpan.FromMinutes(46)), (result.Quality.Rows, result.Quality.Gaps, result.Quality.LargestGap));
    }

    [Fact]
    public async Task A_file_that_is_not_a_download_is_left_alone()
    {
        var path = File("mine.csv");
        await System.IO.File.WriteAllTextAsync(path, "time,price\n1,2\n");
        var e = await Assert.ThrowsAsync<ValidationException>(() => Downloader().DownloadAsync(Btc, TestCandles.Start, End, path));
        Assert.Equal("--out", e.Field);
        Assert.Equal("time,price\n1,2\n", await System.IO.File.ReadAllTextAsync(path));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_empty_range_is_refused_before_any_request()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Downloader().DownloadAsync(Btc, End, TestCandles.Start, File("x.csv")));
        Assert.Equal("--to", e.Field);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Downloads_from_gateio_through_its_connector_in_pages()
    {
        await using var gate = await FakeGateIoServer.StartAsync();
        var candles = TestCandles.FromCloses([.. Enumerable.Range(0, 1200).Select(i => 50m + (i % 13))]);
        gate.SetSeries(candles);
        using var http = new HttpClient();
        var source = PublicCandleSource.Create("gateio", http, gate.BaseAddress.ToString(), TimeProvider.System);
        var path = File("gate.csv");
        var result = await new CandleDownloader(source, TimeProvider.System).DownloadAsync(new Market("gateio", "BTC/USDT", Timeframe.OneMinute),
            TestCandles.Start, TestCandles.Start.AddMinutes(1200), path);
        Assert.Equal(candles, await CandleFileLoader.LoadAsync(path));
        Assert.Equal(1200, result.Added);
        Assert.True(gate.Requests.Count(r => r.Contains("candlesticks", StringComparison.Ordinal)) >= 3, string.Join(", ", gate.Requests));
    }

    [Fact]
    public void An_unknown_exchange_is_named()
    {
        var e = Assert.Throws<ValidationException>(() => PublicCandleSource.Create("mtgox", _http, null, TimeProvider.System));
        Assert.Contains("'mtgox' is not one of binance, gateio, okx, kraken, whitebit", e.Message, StringComparison.Ordinal);
    }

    private static long StartTime(string query) =>
        long.Parse(query.Split('&').Single(p => p.StartsWith("startTime=", StringComparison.Ordinal))["startTime=".Length..], CultureInfo.InvariantCulture);

    // Reports synchronously (System.Progress would post to the thread pool and race the assertions).
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
