using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lyra.Strategies.Backtesting;

namespace Lyra.Strategies.Reports;

/// <summary>Renders a backtest for people: a statistics table, trades CSV, stats JSON and a self-contained HTML report with inline SVG charts.</summary>
public static class BacktestReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // NaN and infinity are real answers here (no trades, no losses), so they are written as JSON strings.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

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
        var stats = Rows(s).ToDictionary(r => r.Name, r => (object)r.Value);
        var doc = new Dictionary<string, object> { ["strategy"] = strategy, ["parameters"] = parameters, ["options"] = options, ["statistics"] = s, ["table"] = stats };
        return JsonSerializer.Serialize(doc, JsonOptions);
    }

    /// <summary>A self-contained HTML report: price with trade markers, equity, drawdown, statistics and trades. Opens offline.</summary>
    public static string Html(BacktestResult r, BacktestStatistics s, string title)
    {
        const int width = 1100;
        var n = r.Equity.Length;
        var step = Math.Max(1, n / 1500); // downsample long series for the browser
        var idx = Enumerable.Range(0, (n + step - 1) / step).Select(k => Math.Min(n - 1, k * step)).ToArray();
        var dd = r.Drawdown();
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
          .Append(Style).Append("</style></head><body>");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        sb.Append("<h2>Price and trades</h2>").Append(Chart(idx, i => r.Series.Close[i], width, 260, "#0969da", r));
        sb.Append("<h2>Equity</h2>").Append(Chart(idx, i => r.Equity[i], width, 180, "#1a7f37", null));
        sb.Append("<h2>Drawdown</h2>").Append(Chart(idx, i => dd[i] * 100, width, 120, "#cf222e", null));
        sb.Append("<div class=\"grid\"><div><h2>Statistics</h2><table>");
        foreach (var (name, value) in Rows(s)) sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td><td>").Append(value).Append("</td></tr>");
        sb.Append("</table></div><div><h2>Trades</h2><table><tr><th>entry</th><th>exit</th><th>side</th><th>entry price</th><th>exit price</th><th>PnL</th><th>return %</th><th>exit</th></tr>");
        foreach (var t in r.Trades.Take(500))
        {
            sb.Append(C, $"<tr><td>{Time(t.EntryTime)}</td><td>{Time(t.ExitTime)}</td><td>{(t.IsLong ? "long" : "short")}</td><td>{t.EntryPrice:G8}</td><td>{t.ExitPrice:G8}</td><td>{t.Pnl:F2}</td><td>{t.ReturnPct * 100:F2}</td><td>{t.Exit}</td></tr>");
        }

        if (r.Trades.Count > 500) sb.Append(C, $"<tr><td colspan=\"8\">… {r.Trades.Count - 500} more in trades.csv</td></tr>");
        sb.Append("</table></div></div></body></html>");
        return sb.ToString();
    }

    private static string Chart(int[] idx, Func<int, double> value, int width, int height, string color, BacktestResult? trades)
    {
        double min = double.MaxValue, max = double.MinValue;
        foreach (var i in idx) { var v = value(i); if (double.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); } }
        if (max <= min) { max = min + 1; }
        var last = idx[^1] == 0 ? 1 : idx[^1];
        double X(int i) => 40 + ((width - 50) * (double)i / last);
        double Y(double v) => 10 + ((height - 20) * (1 - ((v - min) / (max - min))));
        var sb = new StringBuilder();
        sb.Append(C, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        sb.Append(C, $"<text x=\"2\" y=\"14\" font-size=\"10\">{max:G6}</text><text x=\"2\" y=\"{height - 4}\" font-size=\"10\">{min:G6}</text>");
        sb.Append(C, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\" points=\"");
        foreach (var i in idx) { var v = value(i); if (double.IsFinite(v)) sb.Append(C, $"{X(i):F1},{Y(v):F1} "); }
        sb.Append("\"/>");
        if (trades is not null)
        {
            foreach (var t in trades.Trades.Take(2000))
            {
                var (ex, ey) = (X(t.EntryBar), Y(t.EntryPrice));
                var (xx, xy) = (X(t.ExitBar), Y(t.ExitPrice));
                sb.Append(C, $"<path class=\"{(t.IsLong ? "up" : "down")}\" d=\"M{ex:F1},{ey + (t.IsLong ? 8 : -8):F1} l-4,{(t.IsLong ? 0 : 0)} l4,{(t.IsLong ? -8 : 8)} l4,{(t.IsLong ? 8 : -8)}z\"><title>{(t.IsLong ? "buy" : "sell short")} {t.EntryPrice:G8}</title></path>");
                sb.Append(C, $"<circle cx=\"{xx:F1}\" cy=\"{xy:F1}\" r=\"3\" fill=\"{(t.Pnl >= 0 ? "#1a7f37" : "#cf222e")}\"><title>exit {t.ExitPrice:G8} ({t.Exit}) PnL {t.Pnl:F2}</title></circle>");
            }
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string N(double v) => double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "inf" : v.ToString("F2", C);

    private static string Dur(TimeSpan t) => t.TotalDays >= 1 ? t.ToString(@"d\d\ hh\:mm", C) : t.ToString(@"hh\:mm\:ss", C);

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss", C);
}
