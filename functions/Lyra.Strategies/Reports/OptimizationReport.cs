using System.Globalization;
using System.Net;
using System.Text;
using Lyra.Strategies.Optimization;

namespace Lyra.Strategies.Reports;

/// <summary>Renders an optimization: leaderboard table, walk-forward summary and an HTML report with a two-parameter heatmap.</summary>
public static class OptimizationReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The top rows as a text table.</summary>
    public static string Leaderboard(OptimizationResult r, string objective, int top = 10)
    {
        var sb = new StringBuilder();
        var names = r.Rows.Count > 0 ? r.Rows[0].Parameters.Keys.ToList() : [];
        sb.Append(C, $"{"#",3}  ").AppendJoin("  ", names.Select(n => $"{n,10}")).Append(C, $"  {objective,12}  {"return %",9}  {"max dd %",9}  {"trades",6}  {"sharpe",7}  ok").AppendLine();
        var i = 0;
        foreach (var row in r.Rows.Take(top))
        {
            sb.Append(C, $"{++i,3}  ").AppendJoin("  ", names.Select(n => row.Parameters[n].ToString("G6", C).PadLeft(10)))
              .Append(C, $"  {row.Objective,12:F4}  {row.Statistics.ReturnPct,9:F2}  {row.Statistics.MaxDrawdownPct,9:F2}  {row.Statistics.Trades,6}  {row.Statistics.Sharpe,7:F2}  {(row.MeetsConstraints ? "yes" : "no")}").AppendLine();
        }

        sb.Append(C, $"{r.Rows.Count} combinations backtested ({r.Invalid} invalid skipped) in {r.Elapsed.TotalSeconds:F2} s: {r.Throughput / 1e6:F1} M bars·sets/s").AppendLine();
        if (r.Pbo is { } pbo) sb.Append(C, $"probability of backtest overfitting (CSCV): {pbo:P0}{(pbo > 0.5 ? "  ← the in-sample winner is more likely than not to underperform out of sample" : "")}").AppendLine();
        return sb.ToString();
    }

    /// <summary>The walk-forward windows as a text table.</summary>
    public static string WalkForward(WalkForwardResult w)
    {
        var sb = new StringBuilder("walk-forward (optimize in sample, test on the next unseen period):\n");
        foreach (var x in w.Windows)
        {
            var p = x.Parameters is null ? "no admissible parameters" : string.Join(' ', x.Parameters.Select(kv => $"{kv.Key}={kv.Value.ToString("G6", C)}"));
            sb.Append(C, $"  OOS {x.OutOfSampleStart:yyyy-MM-dd HH:mm} .. {x.OutOfSampleEnd:yyyy-MM-dd HH:mm}  {p,-24}  IS obj {x.InSampleObjective,8:F3}  OOS obj {x.OutOfSampleObjective,8:F3}  OOS return {x.OutOfSampleReturnPct,7:F2}%").AppendLine();
        }

        sb.Append(C, $"out-of-sample return {w.OutOfSampleReturnPct:F2}%, walk-forward efficiency {w.Efficiency:F2}, objective degradation {w.ObjectiveDegradationPct:F1}% in → out of sample").AppendLine();
        return sb.ToString();
    }

    /// <summary>Self-contained HTML: leaderboard and, for two parameters, a heatmap of the objective.</summary>
    public static string Html(OptimizationResult r, string objective, string title, WalkForwardResult? wf)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
          .Append(BacktestReport.Style).Append("td,th{border:1px solid #eee}pre{background:#f6f8fa;padding:12px}td.best{outline:3px solid #222;outline-offset:-3px}")
          .Append(".heat td{cursor:default}.heat td:hover{filter:brightness(1.25)}</style></head><body>");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        var names = r.Rows.Count > 0 ? r.Rows[0].Parameters.Keys.ToList() : [];
        if (names.Count == 2) sb.Append(Heatmap(r, names[0], names[1], objective));
        sb.Append("<h2>Leaderboard</h2><pre>").Append(WebUtility.HtmlEncode(Leaderboard(r, objective, 50))).Append("</pre>");
        if (wf is not null) sb.Append("<h2>Walk-forward</h2><pre>").Append(WebUtility.HtmlEncode(WalkForward(wf))).Append("</pre>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static string Heatmap(OptimizationResult r, string x, string y, string objective)
    {
        var xs = r.Rows.Select(row => row.Parameters[x]).Distinct().Order().ToList();
        var ys = r.Rows.Select(row => row.Parameters[y]).Distinct().Order().ToList();
        var rows = r.Rows.ToDictionary(row => (row.Parameters[x], row.Parameters[y]));
        var cells = rows.ToDictionary(kv => kv.Key, kv => kv.Value.Objective);
        var finite = cells.Values.Where(double.IsFinite).ToList();
        var (lo, hi) = finite.Count > 0 ? (finite.Min(), finite.Max()) : (0, 1);
        var sb = new StringBuilder();
        sb.Append(C, $"<h2>{WebUtility.HtmlEncode(objective)} by {WebUtility.HtmlEncode(x)} (columns) and {WebUtility.HtmlEncode(y)} (rows)</h2><p class=\"hint\">Hover a cell for its return, drawdown and trades; the outlined cell leads the leaderboard.</p><table class=\"heat\"><tr><th>{WebUtility.HtmlEncode(y)} \\ {WebUtility.HtmlEncode(x)}</th>");
        foreach (var xv in xs) sb.Append(C, $"<th>{xv:G6}</th>");
        sb.Append("</tr>");
        foreach (var yv in ys)
        {
            sb.Append(C, $"<tr><th>{yv:G6}</th>");
            foreach (var xv in xs)
            {
                if (!cells.TryGetValue((xv, yv), out var v) || !double.IsFinite(v)) { sb.Append("<td style=\"background:#eee\"></td>"); continue; }
                var t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                // Red (worst) to green (best).
                var red = (int)(255 * (1 - t));
                var green = (int)(180 * t) + 60;
                var st = rows[(xv, yv)].Statistics;
                var best = ReferenceEquals(rows[(xv, yv)], r.Rows[0]) ? " class=\"best\"" : "";
                sb.Append(C, $"<td{best} style=\"background:rgb({red},{green},90);color:#fff\" title=\"{WebUtility.HtmlEncode(x)}={xv:G6} {WebUtility.HtmlEncode(y)}={yv:G6}: {WebUtility.HtmlEncode(objective)} {v:F4}, return {st.ReturnPct:F2} %, max drawdown {st.MaxDrawdownPct:F2} %, {st.Trades} trades, win rate {st.WinRatePct:F1} %\">{v:F3}</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</table>").ToString();
    }
}
