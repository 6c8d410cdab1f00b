using Lyra.Data.Loading;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary><c>lyra data download</c> as a process against a loopback fake of Binance's klines endpoint.</summary>
public sealed class DataDownloadCommandTests : IAsyncLifetime
{
    private readonly TestFolder _folder = new("lyra-download-");
    private FakeBinanceServer _binance = null!;
    private static readonly IReadOnlyList<Lyra.Data.Candles.Candle> Series =
        TestCandles.FromCloses([.. Enumerable.Range(0, 3000).Select(i => Math.Round(100m + ((decimal)Math.Sin(i / 40.0) * 8), 4))]);

    public async Task InitializeAsync()
    {
        _binance = await FakeBinanceServer.StartAsync();
        _binance.SetSeries("BTCUSDT", Series);
    }

    public async Task DisposeAsync()
    {
        await _binance.DisposeAsync();
        _folder.Dispose();
    }

    private string P(string name) => _folder[name];

    private Task<LyraProcess.Result> Lyra(params string[] args) => LyraProcess.RunAsync(
        new Dictionary<string, string> { ["Lyra__MarketData__BinanceBaseUrl"] = _binance.BaseAddress.ToString() }, TimeSpan.FromMinutes(2), args);

    [Fact]
    public async Task Downloads_resumes_after_a_failure_and_the_file_backtests()
    {
        string[] download = ["data", "download", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1m", "--from", "2024-01-01", "--to", "2024-01-03T02:00", "--out", P("btc.csv")];
        // Every request fails: nothing but the header is written, exit 5 says how to resume.
        _binance.FailNext(1000);
        var failed = await Lyra([.. download, "--retries", "0"]);
        Assert.True(failed.ExitCode == 5, failed.Output + failed.Error);
        Assert.Contains("lyra: download stopped: binance API error 500 (code -1000)", failed.Error, StringComparison.Ordinal);
        Assert.Contains("run the same command again to resume", failed.Error, StringComparison.Ordinal);

        _binance.FailNext(0);
        var ok = await Lyra(download);
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("3000 1m candles 2024-01-01 00:00 .. 2024-01-03 01:59 (3000 added in 3 request(s))", ok.Output, StringComparison.Ordinal);
        Assert.Contains("lyra: checked: no gaps", ok.Output, StringComparison.Ordinal);
        Assert.Contains("binance BTCUSDT 1m: 100%", ok.Error, StringComparison.Ordinal); // plain progress: not a terminal
        Assert.Equal(Series, await CandleFileLoader.LoadAsync(P("btc.csv")));

        var bt = await Lyra("backtest", "--data", P("btc.csv"), "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30");
        Assert.True(bt.ExitCode == 0, bt.Error);
        Assert.Contains("# Trades", bt.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--exchange", "mtgox", "--exchange: 'mtgox' is not one of binance, gateio, okx, kraken, whitebit")]
    [InlineData("--from", "yesterday", "--from: 'yesterday' is not yyyy-MM-dd or yyyy-MM-ddTHH:mm (UTC)")]
    [InlineData("--timeframe", "7m", "--timeframe")]
    public async Task Bad_input_exits_2_naming_it(string flag, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--exchange"] = "binance", ["--from"] = "2024-01-01", ["--timeframe"] = "1m", [flag] = value };
        var r = await Lyra(["data", "download", "--symbol", "BTCUSDT", "--out", P("x.csv"), .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Empty(_binance.Requests);
    }
}
