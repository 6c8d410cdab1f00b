using System.Globalization;
using System.Text.RegularExpressions;
using Lyra.Testing;
using PuppeteerSharp;

namespace Lyra.Cli.Tests;

/// <summary>The backtest and optimization reports opened from disk in headless Chromium: offline, interactive, no errors.</summary>
public sealed partial class ReportPageTests : IDisposable
{
    private readonly TestFolder _folder = new("lyra-report-");

    public void Dispose() => _folder.Dispose();

    private string P(string name) => _folder[name];

    private static Task<LyraProcess.Result> Lyra(params string[] args) => LyraProcess.RunAsync(null, TimeSpan.FromMinutes(2), args);

    [GeneratedRegex(@"^# Trades\s+(\d+)$", RegexOptions.Multiline)]
    private static partial Regex TradesLine();

    private static string Shots => HeadlessBrowser.Screenshots;

    [ChromiumFact]
    public async Task The_backtest_report_draws_dated_charts_that_zoom_together_and_explain_trades_under_the_cursor()
    {
        await Lyra("data", "synth", "--bars", "2000", "--seed", "11", "--timeframe", "1h", "--out", P("h.csv"));
        var r = await Lyra("backtest", "--data", P("h.csv"), "--strategy", "sma-cross", "--margin", "--stop-loss", "0.03", "--out", P("rep"));
        Assert.True(r.ExitCode == 0, r.Error);
        var trades = int.Parse(TradesLine().Match(r.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var html = await File.ReadAllTextAsync(P("rep/report.html"));
        // One file: the library and the data are inline, nothing is fetched.
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var errors = new List<string>();
        await using var page = await HeadlessBrowser.PageAsync(browser, errors);
        await page.GoToAsync(new Uri(P("rep/report.html")).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-charts='ready']");
        Assert.Equal(3, await page.EvaluateExpressionAsync<int>("['chart-price','chart-equity','chart-drawdown'].filter(id => document.getElementById(id).querySelector('canvas')).length"));
        Assert.Equal(2000, await page.EvaluateExpressionAsync<int>("lyraCharts.data.candles.length"));
        Assert.Equal(trades, await page.EvaluateExpressionAsync<int>("lyraCharts.data.trades.length"));
        // The date axis: the first tick labels are dates of the data (January 2024), not bar numbers.
        Assert.Contains("Jan", await page.EvaluateExpressionAsync<string>("String(lyraCharts.price.timeScale().getVisibleRange().from && new Date(lyraCharts.price.timeScale().getVisibleRange().from * 1000).toUTCString())"), StringComparison.Ordinal);

        // Hovering the first trade's entry bar (zoomed in around it) shows its details and the values under the cursor.
        await page.EvaluateExpressionAsync("(i => lyraCharts.price.timeScale().setVisibleLogicalRange({ from: i - 30, to: i + 30 }))(lyraCharts.data.candles.findIndex(c => c[0] === lyraCharts.data.trades[0].entry))");
        await page.WaitForExpressionAsync("(r => r.to - r.from < 100)(lyraCharts.equity.timeScale().getVisibleLogicalRange())");
        var box = (await (await page.QuerySelectorAsync("#chart-price")).BoundingBoxAsync())!;
        var x = await page.EvaluateExpressionAsync<double>("lyraCharts.price.timeScale().timeToCoordinate(lyraCharts.data.trades[0].entry)");
        await page.Mouse.MoveAsync((decimal)((double)box.X + x), box.Y + 150);
        await page.WaitForSelectorAsync("#tooltip[style*='block']");
        var tip = await page.EvaluateExpressionAsync<string>("document.getElementById('tooltip').textContent");
        Assert.Matches(@"^#1 (long|short) [\d.,]+ @ [\d.,]+", tip);
        var legend = await page.EvaluateExpressionAsync<string>("document.getElementById('legend').textContent");
        Assert.Matches(@"^2024-\d\d-\d\d \d\d:\d\d  O [\d.,]+  H [\d.,]+  L [\d.,]+  C [\d.,]+   equity [\d.,]+   drawdown -?[\d.,]+ %", legend);
        await page.ScreenshotAsync(Path.Combine(Shots, "backtest-report.png"));
        Assert.Equal("block", await page.EvaluateExpressionAsync<string>("document.getElementById('tooltip').style.display")); // still there: no late event hid it

        // The wheel zooms the price chart, and the equity and drawdown charts follow it.
        await page.EvaluateExpressionAsync("lyraCharts.price.timeScale().fitContent()");
        await page.WaitForExpressionAsync("(r => r.to - r.from > 1000)(lyraCharts.drawdown.timeScale().getVisibleLogicalRange())");
        var before = await page.EvaluateExpressionAsync<double>("(r => r.to - r.from)(lyraCharts.price.timeScale().getVisibleLogicalRange())");
        for (var i = 0; i < 3; i++) await page.Mouse.WheelAsync(0, -600);
        await page.WaitForExpressionAsync($"(r => r.to - r.from < {before.ToString(CultureInfo.InvariantCulture)} * 0.8)(lyraCharts.price.timeScale().getVisibleLogicalRange())");
        Assert.True(await page.EvaluateExpressionAsync<bool>(
            "['equity','drawdown'].every(k => Math.abs(lyraCharts[k].timeScale().getVisibleLogicalRange().from - lyraCharts.price.timeScale().getVisibleLogicalRange().from) < 0.5)"));
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task The_optimization_report_shows_a_heatmap_with_values_and_the_leader_outlined()
    {
        await Lyra("data", "synth", "--bars", "3000", "--seed", "8", "--timeframe", "15m", "--out", P("s.csv"));
        var r = await Lyra("optimize", "--data", P("s.csv"), "--range", "fast=5:20:5", "--range", "slow=30,60", "--out", P("opt"));
        Assert.True(r.ExitCode == 0, r.Error);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var errors = new List<string>();
        await using var page = await HeadlessBrowser.PageAsync(browser, errors);
        await page.GoToAsync(new Uri(P("opt/report.html")).AbsoluteUri);
        Assert.Equal(8, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.heat td[title]').length"));
        Assert.Equal(1, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.heat td.best').length"));
        var title = await page.EvaluateExpressionAsync<string>("document.querySelector('table.heat td.best').title");
        Assert.Matches(@"^fast=\d+ slow=\d+: sharpe -?[\d.]+, return -?[\d.]+ %, max drawdown -?[\d.]+ %, \d+ trades", title);
        await page.ScreenshotAsync(Path.Combine(Shots, "optimization-report.png"));
        Assert.Empty(errors);
    }
}
