using System.Globalization;
using System.Net;
using System.Text;
using Lyra.Monitoring.Alerts;
using Lyra.Monitoring.Analytics;
using Lyra.Strategies.Reports;

namespace Lyra.Monitoring.Reports;

/// <summary>An open position as the daily report lists it.</summary>
/// <param name="Market">Market key.</param>
/// <param name="Quantity">Held.</param>
/// <param name="AveragePrice">Average entry.</param>
/// <param name="LastPrice">Last price.</param>
/// <param name="UnrealizedPnl">Unrealized PnL.</param>
/// <param name="Stop">Current stop, if any.</param>
public sealed record ReportPosition(string Market, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal UnrealizedPnl, decimal? Stop);

/// <summary>What one day's report says.</summary>
/// <param name="Date">The day (UTC).</param>
/// <param name="GeneratedAt">When it was written.</param>
/// <param name="Host">The host that wrote it.</param>
/// <param name="Equity">Equity when written.</param>
/// <param name="Cash">Cash when written.</param>
/// <param name="Day">The day's closed trades as a performance summary (the backtester's formulas).</param>
/// <param name="Overall">All closed trades so far.</param>
/// <param name="EquityCurve">The realized equity curve up to the end of the day.</param>
/// <param name="Trades">The trades closed that day.</param>
/// <param name="Decisions">Decisions started that day by status.</param>
/// <param name="Positions">Open positions when written.</param>
/// <param name="Alerts">Alerts raised that day.</param>
/// <param name="AiSpendTodayUsd">AI spend of the day it was written.</param>
/// <param name="AiSpendMonthUsd">AI spend of that month so far.</param>
public sealed record DailyReportModel(DateOnly Date, DateTimeOffset GeneratedAt, string Host, decimal Equity, decimal Cash, PerformanceSummary Day, PerformanceSummary Overall,
    IReadOnlyList<EquityPoint> EquityCurve, IReadOnlyList<LiveTrade> Trades, IReadOnlyDictionary<string, int> Decisions, IReadOnlyList<ReportPosition> Positions,
    IReadOnlyList<Alert> Alerts, decimal AiSpendTodayUsd, decimal AiSpendMonthUsd);

/// <summary>Renders the daily report: one self-contained HTML page in the backtest report's style (opens offline, mails as is).</summary>
public static class DailyReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The blob name of the report of <paramref name="date"/>.</summary>
    public static string NameOf(DateOnly date) => "daily-" + date.ToString("yyyy-MM-dd", C) + ".html";

    /// <summary>The page.</summary>
    public static string Html(DailyReportModel m)
    {
        var title = $"Lyra daily report {m.Date:yyyy-MM-dd}";
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title><style>").Append(BacktestReport.Style).Append("</style></head><body>");
        sb.Append("<h1>").Append(title).Append("</h1>");
        sb.Append(C, $"<p>Written {m.GeneratedAt:yyyy-MM-dd HH:mm} UTC by {E(m.Host)}. Figures use the backtester's formulas (docs/metrics.md).</p>");
        sb.Append("<div class=\"grid\"><div><h2>The day</h2><table>");
        Row(sb, "Equity", M(m.Equity));
        Row(sb, "Cash", M(m.Cash));
        Row(sb, "Trades closed", m.Day.Trades.ToString(C));
        Row(sb, "Realized PnL", M(m.Day.RealizedPnl));
        Row(sb, "Unrealized PnL (now)", m.Overall.UnrealizedPnl is { } u ? M(u) : "–");
        Row(sb, "Win rate [%]", P(m.Day.WinRatePct));
        Row(sb, "Profit factor", P(m.Day.ProfitFactor));
        Row(sb, "Best trade [%]", P(m.Day.BestTradePct));
        Row(sb, "Worst trade [%]", P(m.Day.WorstTradePct));
        Row(sb, "Decisions", string.Join(", ", m.Decisions.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")) is { Length: > 0 } ds ? ds : "none");
        Row(sb, "Alerts raised", m.Alerts.Count.ToString(C));
        Row(sb, "AI spend today / month [$]", $"{m.AiSpendTodayUsd:0.####} / {m.AiSpendMonthUsd:0.####}");
        sb.Append("</table><h2>All trades so far</h2><table>");
        Row(sb, "Trades", m.Overall.Trades.ToString(C));
        Row(sb, "Realized PnL", M(m.Overall.RealizedPnl));
        Row(sb, "Return [%]", P(m.Overall.ReturnPct));
        Row(sb, "Sharpe", P(m.Overall.Sharpe));
        Row(sb, "Sortino", P(m.Overall.Sortino));
        Row(sb, "Max. drawdown [%]", P(m.Overall.MaxDrawdownPct));
        sb.Append("</table></div><div><h2>Equity (realized)</h2>").Append(Curve(m.EquityCurve)).Append("</div></div>");

        sb.Append("<h2>Trades closed this day</h2><table><tr><th>market</th><th>strategy</th><th>entry</th><th>exit</th><th>quantity</th><th>entry price</th><th>exit price</th><th>PnL</th></tr>");
        foreach (var t in m.Trades.OrderBy(t => t.ExitTime).Take(200))
        {
            sb.Append(C, $"<tr><td>{E(t.Market)}</td><td>{E(t.Strategy)}</td><td>{t.EntryTime:HH:mm}</td><td>{t.ExitTime:HH:mm}</td><td>{t.Quantity:G8}</td><td>{t.EntryPrice:G8}</td><td>{t.ExitPrice:G8}</td><td class=\"{(t.Pnl >= 0 ? "up" : "down")}\">{M(t.Pnl)}</td></tr>");
        }

        if (m.Trades.Count > 200) sb.Append(C, $"<tr><td colspan=\"8\">… {m.Trades.Count - 200} more (GET /api/monitoring/analytics)</td></tr>");
        if (m.Trades.Count == 0) sb.Append("<tr><td colspan=\"8\">none</td></tr>");
        sb.Append("</table><h2>Open positions</h2><table><tr><th>market</th><th>quantity</th><th>entry</th><th>last</th><th>unrealized</th><th>stop</th></tr>");
        foreach (var p in m.Positions)
        {
            sb.Append(C, $"<tr><td>{E(p.Market)}</td><td>{p.Quantity:G8}</td><td>{p.AveragePrice:G8}</td><td>{p.LastPrice:G8}</td><td>{M(p.UnrealizedPnl)}</td><td>{(p.Stop is { } s ? s.ToString("G8", C) : "–")}</td></tr>");
        }

        if (m.Positions.Count == 0) sb.Append("<tr><td colspan=\"6\">none</td></tr>");
        sb.Append("</table><h2>Alerts</h2><table><tr><th>time</th><th>severity</th><th>kind</th><th>message</th><th>count</th><th>acknowledged</th></tr>");
        foreach (var a in m.Alerts.Take(100))
        {
            sb.Append(C, $"<tr><td>{a.Time:HH:mm}</td><td>{E(a.Severity)}</td><td>{E(a.Kind)}</td><td>{E(a.Message)}</td><td>{a.Count}</td><td>{E(a.AcknowledgedBy ?? "–")}</td></tr>");
        }

        if (m.Alerts.Count == 0) sb.Append("<tr><td colspan=\"6\">none</td></tr>");
        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    /// <summary>The plain-text summary that goes with the page in an email.</summary>
    public static string Text(DailyReportModel m) => string.Create(C,
        $"Lyra {m.Date:yyyy-MM-dd}: {m.Day.Trades} trades closed, realized PnL {m.Day.RealizedPnl:0.##}, equity {m.Equity:0.##}, {m.Positions.Count} open position(s), {m.Alerts.Count} alert(s).");

    private static string Curve(IReadOnlyList<EquityPoint> points)
    {
        const int width = 640, height = 220;
        if (points.Count < 2) return "<p>no closed trades yet</p>";
        var step = Math.Max(1, points.Count / 600);
        var shown = points.Where((_, i) => i % step == 0 || i == points.Count - 1).ToList();
        double t0 = shown[0].Time.ToUnixTimeSeconds(), t1 = Math.Max(t0 + 1, shown[^1].Time.ToUnixTimeSeconds());
        double lo = (double)shown.Min(p => p.Equity), hi = (double)shown.Max(p => p.Equity);
        if (hi <= lo) hi = lo + 1;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        sb.Append(C, $"<text x=\"2\" y=\"14\" font-size=\"10\">{hi:G8}</text><text x=\"2\" y=\"{height - 4}\" font-size=\"10\">{lo:G8}</text><polyline fill=\"none\" stroke=\"#1a7f37\" stroke-width=\"1.2\" points=\"");
        foreach (var p in shown)
        {
            var x = 50 + ((width - 60) * ((p.Time.ToUnixTimeSeconds() - t0) / (t1 - t0)));
            var y = 10 + ((height - 20) * (1 - (((double)p.Equity - lo) / (hi - lo))));
            sb.Append(C, $"{x:F1},{y:F1} ");
        }

        return sb.Append("\"/></svg>").ToString();
    }

    private static void Row(StringBuilder sb, string name, string value) => sb.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(value)).Append("</td></tr>");

    private static string M(decimal v) => v.ToString("N2", C);

    private static string P(double? v) => v is { } x ? x.ToString("F2", C) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
