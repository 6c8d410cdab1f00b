using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary>lyra data synth / backtest / optimize / indicators as separate processes.</summary>
public sealed partial class ResearchCommandTests : IDisposable
{
    private readonly TestFolder _folder = new("lyra-research-");

    public void Dispose() => _folder.Dispose();

    private string P(string name) => _folder[name];

    private static Task<LyraProcess.Result> Lyra(params string[] args) => LyraProcess.RunAsync(null, TimeSpan.FromMinutes(2), args);

    [GeneratedRegex(@"^# Trades\s+(\d+)$", RegexOptions.Multiline)]
    private static partial Regex TradesLine();

    [Fact]
    public async Task Synth_then_backtest_writes_the_table_and_a_report_folder()
    {
        var synth = await Lyra("data", "synth", "--bars", "3000", "--seed", "4", "--timeframe", "5m", "--out", P("s.csv"));
        Assert.Equal(0, synth.ExitCode);
        var r = await Lyra("backtest", "--data", P("s.csv"), "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--cash", "10000", "--commission", "0.002", "--out", P("out"));
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var row in new[] { "Sharpe Ratio", "Sortino Ratio", "Max. Drawdown [%]", "Win Rate [%]", "Profit Factor", "SQN", "Kelly Criterion", "Buy & Hold Return [%]" })
        {
            Assert.Contains(row, r.Output, StringComparison.Ordinal);
        }

        var trades = int.Parse(TradesLine().Match(r.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(trades > 0);
        Assert.Equal(trades + 1, (await File.ReadAllLinesAsync(P("out/trades.csv"))).Length);
        using var stats = JsonDocument.Parse(await File.ReadAllTextAsync(P("out/stats.json")));
        Assert.Equal(trades, stats.RootElement.GetProperty("statistics").GetProperty("trades").GetInt32());
        var html = await File.ReadAllTextAsync(P("out/report.html"));
        Assert.Contains("<div id=\"chart-price\"", html, StringComparison.Ordinal);
        Assert.Contains("LightweightCharts", html, StringComparison.Ordinal); // the chart library inline: nothing to fetch
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
    }

    [SharedDataFact("GOOG.csv")]
    public async Task Backtests_the_shared_daily_stock_file_in_whole_units()
    {
        var r = await Lyra("backtest", "--data", RepoPaths.Shared("GOOG.csv"), "--strategy", "donchian-breakout", "--commission", "0.001");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Start                         2004-08-19", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backtesting_py_sizing_convention_trades_whole_units()
    {
        await Lyra("data", "synth", "--bars", "3000", "--seed", "3", "--out", P("s.csv"));
        var r = await Lyra("backtest", "--data", P("s.csv"), "--strategy", "sma-cross", "--sizing", "backtesting.py", "--cash", "1000000", "--commission", "0.002", "--out", P("bpy"));
        Assert.True(r.ExitCode == 0, r.Error);
        var quantities = (await File.ReadAllLinesAsync(P("bpy/trades.csv"))).Skip(1).Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(quantities);
        Assert.All(quantities, q => Assert.Equal(Math.Floor(q), q));
    }

    [Theory]
    [InlineData("--strategy", "magic", "--strategy: unknown strategy 'magic'")]
    [InlineData("--param", "fast=1", "--param fast: fast=1 is outside [2, 200]")]
    [InlineData("--param", "slow", "--param: 'slow' is not name=number")]
    [InlineData("--cash", "-1", "--cash: cash must be positive")]
    [InlineData("--commission", "-0.1", "--commission: commission must be in [0, 0.5)")]
    [InlineData("--sizing", "kelly", "--sizing: 'kelly' is not equity or backtesting.py")]
    public async Task Bad_backtest_input_exits_2_naming_it(string flag, string value, string message)
    {
        await Lyra("data", "synth", "--bars", "200", "--out", P("s.csv"));
        var r = await Lyra("backtest", "--data", P("s.csv"), flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_shorter_than_the_warm_up_is_refused()
    {
        await Lyra("data", "synth", "--bars", "20", "--out", P("short.csv"));
        var r = await Lyra("backtest", "--data", P("short.csv"), "--strategy", "sma-cross");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--data: 20 bars do not cover the warm-up", r.Error, StringComparison.Ordinal);
        var missing = await Lyra("backtest", "--data", P("nope.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.csv", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_prints_a_leaderboard_pbo_and_walk_forward_and_writes_a_heatmap()
    {
        await Lyra("data", "synth", "--bars", "4000", "--seed", "8", "--timeframe", "15m", "--out", P("s.json"));
        var r = await Lyra("optimize", "--data", P("s.json"), "--range", "fast=5:20:5", "--range", "slow=30,60", "--constraint", "trades>=5", "--walk-forward", "2", "--out", P("opt"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("8 combinations backtested", r.Output, StringComparison.Ordinal);
        Assert.Contains("probability of backtest overfitting", r.Output, StringComparison.Ordinal);
        Assert.Contains("walk-forward efficiency", r.Output, StringComparison.Ordinal);
        Assert.Contains("sharpe by fast (columns) and slow (rows)", await File.ReadAllTextAsync(P("opt/report.html")), StringComparison.Ordinal);
        Assert.Equal(9, (await File.ReadAllLinesAsync(P("opt/leaderboard.csv"))).Length);
        var bad = await Lyra("optimize", "--data", P("s.json"), "--range", "fast=1:5:1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("outside fast's range", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_data_backtests_a_portfolio_and_data2_feeds_arbitrage()
    {
        await Lyra("data", "synth", "--bars", "1500", "--seed", "1", "--out", P("a.csv"));
        await Lyra("data", "synth", "--bars", "1500", "--seed", "2", "--out", P("b.csv"));
        var portfolio = await Lyra("backtest", "--data", P("a.csv"), "--data", P("b.csv"), "--commission", "0.001");
        Assert.True(portfolio.ExitCode == 0, portfolio.Error);
        Assert.Contains("sma-cross on a.csv + b.csv", portfolio.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+a\s+return", portfolio.Output);
        var arb = await Lyra("backtest", "--data", P("a.csv"), "--data2", P("b.csv"), "--strategy", "arbitrage", "--commission", "0.001");
        Assert.True(arb.ExitCode == 0, arb.Error);
        Assert.Contains("# Trades", arb.Output, StringComparison.Ordinal);
        var missing = await Lyra("backtest", "--data", P("a.csv"), "--strategy", "arbitrage");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--data2: arbitrage needs the second venue's series", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicators_writes_one_column_per_output_and_leaves_warm_up_empty()
    {
        await Lyra("data", "synth", "--bars", "100", "--out", P("s.csv"));
        var r = await Lyra("indicators", "--data", P("s.csv"), "--indicator", "rsi:14", "--indicator", "macd:12,26,9", "--indicator", "bbands:20,2", "--out", P("ind.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = await File.ReadAllLinesAsync(P("ind.csv"));
        Assert.Equal("timestamp,rsi_14,macd_12_26_9,macd_12_26_9_signal,macd_12_26_9_hist,bbands_20_2_lower,bbands_20_2_middle,bbands_20_2_upper", lines[0]);
        Assert.Equal(101, lines.Length);
        Assert.Equal(",,,,,,,", lines[1][19..]); // first bar: all warm-up
        Assert.DoesNotContain(",,", lines[35], StringComparison.Ordinal); // MACD signal ready from index 33
        var bad = await Lyra("indicators", "--data", P("s.csv"), "--indicator", "foo:3", "--out", P("x.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown indicator 'foo'", bad.Error, StringComparison.Ordinal);
    }
}
