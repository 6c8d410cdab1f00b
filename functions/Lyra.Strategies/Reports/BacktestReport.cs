using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lyra.Strategies.Backtesting;

namespace Lyra.Strategies.Reports;

/// <summary>Renders a backtest for people: a statistics table, trades CSV, stats JSON and a self-contained interactive HTML report.</summary>
public static class BacktestReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The reports' style sheet (the daily report shares it, so Lyra's reports look alike).</summary>
    public const string Style =
        "body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}svg{display:block;margin:8px 0 20px;background:#fafafa;border:1px solid #ddd}"
        + "table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}"
        + ".grid{display:grid;grid-template-columns:360px 1fr;gap:24px}.up{fill:#1a7f37}.down{fill:#cf222e}";

    /// <summary>Rows of the statistics table, in the order traders expect.</summary>
    public static IReadOnlyList<(string Name, string Value)> Rows(BacktestStatistics s) =>
    [
        ("Start", s.Start.ToString("yyyy-MM-dd HH:mm", C)), ("End", s.End.ToString("yyyy-MM-dd HH:mm", C)), ("Duration", Dur(s.Duration)),
        ("Exposure Time [%]", N(s.ExposureTimePct)), ("Equity Final", N(s.EquityFinal)), ("Equity Peak", N(s.EquityPeak)),
        ("Return [%]", N(s.ReturnPct)), ("Buy & Hold Return [%]", N(s.BuyAndHoldReturnPct)), ("Return (Ann.) [%]", N(s.ReturnAnnualizedPct)),
        ("CAGR [%]", N(s.CagrPct)), ("Volatility (Ann.) [%]", N(s.VolatilityAnnualizedPct)), ("Sharpe Ratio", N(s.Sharpe)),
        ("Sortino Ratio", N(s.Sortino)), ("Calmar Ratio", N(s.Calmar)), ("Max. Drawdown [%]", N(s.MaxDrawdownPct)),
        ("Avg. Drawdown [%]", N(s.AvgDrawdownPct)), ("Max. Drawdown Duration", Dur(s.MaxDrawdownDuration)), ("Avg. Drawdown Duration", Dur(s.AvgDrawdownDuration)),
        ("# Trades", s.Trades.ToString(C)), ("Win Rate [%]", N(s.WinRatePct)), ("Best Trade [%]", N(s.BestTradePct)), ("Worst Trade [%]", N(s.WorstTradePct)),
        ("Avg. Trade [%]", N(s.AvgTradePct)), ("Max. Trade Duration", Dur(s.MaxTradeDuration)), ("Avg. Trade Duration", Dur(s.AvgTradeDuration)),
        ("Profit Factor", N(s.ProfitFactor)), ("Expectancy [%]", N(s.ExpectancyPct)), ("SQN", N(s.Sqn)), ("Kelly Criterion", N(s.Kelly)),
    ];

    /// <summary>The statistics as an aligned text table.</summary>
    public static string Table(BacktestStatistics s, string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(title);
        foreach (var (name, value) in Rows(s)) sb.Append(C, $"{name,-26}{value,20}").AppendLine();
        return sb.ToString();
    }

    /// <summary>trades.csv: one row per trade.</summary>
    public static string TradesCsv(BacktestResult r)
    {
        var sb = new StringBuilder("entry_time,exit_time,side,quantity,entry_price,exit_price,pnl,return_pct,fees,duration_minutes,exit_reason\n");
        foreach (var t in r.Trades)
        {
            sb.Append(C, $"{Time(t.EntryTime)},{Time(t.ExitTime)},{(t.IsLong ? "long" : "short")},{Math.Abs(t.Quantity):G10},{t.EntryPrice:G10},{t.ExitPrice:G10},{t.Pnl:F6},{t.ReturnPct * 100:F6},{t.Fees:F6},{t.DurationMs / 60_000.0:F1},{t.Exit}\n");
        }

        return sb.ToString();
    }

    /// <summary>stats.json: the statistics plus strategy, parameters and options.</summary>
    public static string StatsJson(BacktestStatistics s, string strategy, IReadOnlyDictionary<string, double> parameters, BacktestOptions options)
    {
        var doc = new StatsDocument(strategy, parameters, options, s, Rows(s).ToDictionary(r => r.Name, r => r.Value));
        return JsonSerializer.Serialize(doc, ReportJsonContext.Default.StatsDocument);
    }

    /// <summary>Most candles drawn; longer series are merged into buckets (open of the first bar, high, low, close of the last).</summary>
    public const int MaxChartBars = 5000;

    /// <summary>
    /// A self-contained HTML report: interactive price (candles with trade markers), equity and drawdown charts on one
    /// date axis (zoom, pan, values under the cursor, trade details on hover), statistics and trades. The chart library
    /// and the data are inlined, so the one file opens offline.
    /// </summary>
    public static string Html(BacktestResult r, BacktestStatistics s, string title)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
          .Append(Style).Append(ChartStyle).Append("</style></head><body>");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        sb.Append("<div id=\"legend\" class=\"legend\"></div><h2>Price and trades</h2><div id=\"chart-price\" class=\"chart\"></div>")
          .Append("<h2>Equity</h2><div id=\"chart-equity\" class=\"chart\"></div><h2>Drawdown [%]</h2><div id=\"chart-drawdown\" class=\"chart\"></div>")
          .Append("<div id=\"tooltip\" class=\"tooltip\"></div>")
          .Append("<p class=\"hint\">Wheel to zoom, drag to pan, double-click an axis to reset. Charts by TradingView lightweight-charts.</p>");
        sb.Append("<div class=\"grid\"><div><h2>Statistics</h2><table>");
        foreach (var (name, value) in Rows(s)) sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td><td>").Append(value).Append("</td></tr>");
        sb.Append("</table></div><div><h2>Trades</h2><table><tr><th>#</th><th>entry</th><th>exit</th><th>side</th><th>entry price</th><th>exit price</th><th>PnL</th><th>return %</th><th>exit</th></tr>");
        var k = 0;
        foreach (var t in r.Trades.Take(500))
        {
            sb.Append(C, $"<tr><td>{++k}</td><td>{Time(t.EntryTime)}</td><td>{Time(t.ExitTime)}</td><td>{(t.IsLong ? "long" : "short")}</td><td>{t.EntryPrice:G8}</td><td>{t.ExitPrice:G8}</td><td>{t.Pnl:F2}</td><td>{t.ReturnPct * 100:F2}</td><td>{t.Exit}</td></tr>");
        }

        if (r.Trades.Count > 500) sb.Append(C, $"<tr><td colspan=\"9\">… {r.Trades.Count - 500} more in trades.csv</td></tr>");
        sb.Append("</table></div></div>");
        sb.Append("<script id=\"report-data\" type=\"application/json\">").Append(ChartData(r, s)).Append("</script>");
        sb.Append("<script>").Append(ChartLibrary.Script).Append("</script><script>").Append(ChartLibrary.ReportScript).Append("</script></body></html>");
        return sb.ToString();
    }

    private const string ChartStyle =
        ".chart{position:relative;width:100%;margin:4px 0 16px}.legend{font:12px ui-monospace,monospace;min-height:16px;position:sticky;top:0;background:#fff;padding:4px 0;z-index:3}"
        + ".tooltip{display:none;position:absolute;z-index:4;white-space:pre;font:12px ui-monospace,monospace;background:#fff;border:1px solid #999;padding:6px 8px;box-shadow:0 2px 6px #0002;pointer-events:none}"
        + ".hint{color:#666;font-size:12px}";

    // The charts' data: candles (bucketed to at most MaxChartBars), equity and drawdown at the bucket's last bar, trades
    // at their buckets' times. Times are Unix seconds, as the chart library takes them.
    private static string ChartData(BacktestResult r, BacktestStatistics s)
    {
        var series = r.Series;
        var n = series.Count;
        var step = Math.Max(1, (n + MaxChartBars - 1) / MaxChartBars);
        var sb = new StringBuilder(n / step * 80);
        var spacing = n > 1 ? series.Time[1] - series.Time[0] : 86_400_000;
        sb.Append("{\"intraday\":").Append(spacing < 86_400_000 ? "true" : "false").Append(",\"summary\":")
          .Append('"').Append(JsonEncodedText.Encode(string.Create(C, $"{s.Trades} trades, return {N(s.ReturnPct)} %, max drawdown {N(s.MaxDrawdownPct)} %: hover for values"))).Append('"');
        sb.Append(",\"candles\":[");
        for (var b = 0; b * step < n; b++)
        {
            var (first, last) = (b * step, Math.Min(n, (b + 1) * step) - 1);
            double high = double.MinValue, low = double.MaxValue;
            for (var i = first; i <= last; i++) { high = Math.Max(high, series.High[i]); low = Math.Min(low, series.Low[i]); }
            sb.Append(C, $"{(b == 0 ? "" : ",")}[{series.Time[first] / 1000},{series.Open[first]:R},{high:R},{low:R},{series.Close[last]:R}]");
        }

        sb.Append("],\"equity\":[");
        for (var b = 0; b * step < n; b++)
        {
            var last = Math.Min(n, (b + 1) * step) - 1;
            sb.Append(C, $"{(b == 0 ? "" : ",")}[{series.Time[b * step] / 1000},{Math.Round(r.Equity[last], 4):R}]");
        }

        // Drawdown at each bucket's last bar from the running peak: no second 1 M-element array for a 5,000-point line.
        sb.Append("],\"drawdown\":[");
        var peak = double.MinValue;
        for (var b = 0; b * step < n; b++)
        {
            var last = Math.Min(n, (b + 1) * step) - 1;
            for (var i = b * step; i <= last; i++) peak = Math.Max(peak, r.Equity[i]);
            sb.Append(C, $"{(b == 0 ? "" : ",")}[{series.Time[b * step] / 1000},{Math.Round(((r.Equity[last] / peak) - 1) * 100, 4):R}]");
        }

        sb.Append("],\"trades\":[");
        var k = 0;
        foreach (var t in r.Trades.Take(2000))
        {
            sb.Append(C, $"{(k++ == 0 ? "" : ",")}{{\"entry\":{series.Time[t.EntryBar / step * step] / 1000},\"exit\":{series.Time[t.ExitBar / step * step] / 1000},\"long\":{(t.IsLong ? "true" : "false")},")
              .Append(C, $"\"qty\":{Math.Abs(t.Quantity):R},\"entryPrice\":{t.EntryPrice:R},\"exitPrice\":{t.ExitPrice:R},\"pnl\":{t.Pnl:R},\"ret\":{Finite(t.ReturnPct):R},\"reason\":\"{t.Exit}\"}}");
        }

        return sb.Append("]}").ToString();
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;

    private static string N(double v) => double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "inf" : v.ToString("F2", C);

    private static string Dur(TimeSpan t) => t.TotalDays >= 1 ? t.ToString(@"d\d\ hh\:mm", C) : t.ToString(@"hh\:mm\:ss", C);

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss", C);
}
