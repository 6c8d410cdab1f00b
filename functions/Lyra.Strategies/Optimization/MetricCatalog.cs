using Lyra.Core.Errors;
using Lyra.Strategies.Backtesting;

namespace Lyra.Strategies.Optimization;

/// <summary>Statistics by name, for objectives and constraints (<c>sharpe</c>, <c>return</c>, <c>max_drawdown</c>, ...).</summary>
public static class MetricCatalog
{
    /// <summary>All metric names and how to read them.</summary>
    public static IReadOnlyDictionary<string, Func<BacktestStatistics, double>> Metrics { get; } = new Dictionary<string, Func<BacktestStatistics, double>>(StringComparer.Ordinal)
    {
        ["return"] = s => s.ReturnPct, ["return_ann"] = s => s.ReturnAnnualizedPct, ["cagr"] = s => s.CagrPct, ["volatility"] = s => s.VolatilityAnnualizedPct,
        ["sharpe"] = s => s.Sharpe, ["sortino"] = s => s.Sortino, ["calmar"] = s => s.Calmar, ["max_drawdown"] = s => s.MaxDrawdownPct,
        ["avg_drawdown"] = s => s.AvgDrawdownPct, ["exposure"] = s => s.ExposureTimePct, ["trades"] = s => s.Trades, ["win_rate"] = s => s.WinRatePct,
        ["best_trade"] = s => s.BestTradePct, ["worst_trade"] = s => s.WorstTradePct, ["avg_trade"] = s => s.AvgTradePct, ["profit_factor"] = s => s.ProfitFactor,
        ["expectancy"] = s => s.ExpectancyPct, ["sqn"] = s => s.Sqn, ["kelly"] = s => s.Kelly, ["equity_final"] = s => s.EquityFinal,
    };

    /// <summary>The metric called <paramref name="name"/>; throws naming <paramref name="field"/> when unknown.</summary>
    public static Func<BacktestStatistics, double> Get(string name, string field = "objective") =>
        Metrics.TryGetValue(name, out var f) ? f : throw new ValidationException(field, $"unknown metric '{name}'; known: {string.Join(", ", Metrics.Keys)}");
}

/// <summary>A constraint such as <c>trades&gt;=10</c> or <c>max_drawdown&gt;-25</c>.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Operator">One of &gt;=, &lt;=, &gt;, &lt;.</param>
/// <param name="Value">Threshold.</param>
public sealed record Constraint(string Metric, string Operator, double Value)
{
    /// <summary>Parses <c>metric op value</c>.</summary>
    public static Constraint Parse(string text, string field = "constraint")
    {
        foreach (var op in new[] { ">=", "<=", ">", "<" })
        {
            var i = text.IndexOf(op, StringComparison.Ordinal);
            if (i <= 0) continue;
            var metric = text[..i].Trim();
            MetricCatalog.Get(metric, field);
            if (!double.TryParse(text[(i + op.Length)..].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                throw new ValidationException(field, $"'{text}': '{text[(i + op.Length)..].Trim()}' is not a number");
            }

            return new Constraint(metric, op, v);
        }

        throw new ValidationException(field, $"'{text}' is not metric>=value (operators >=, <=, >, <)");
    }

    /// <summary>Whether <paramref name="s"/> satisfies the constraint (NaN never does).</summary>
    public bool IsMet(BacktestStatistics s)
    {
        var v = MetricCatalog.Metrics[Metric](s);
        return Operator switch { ">=" => v >= Value, "<=" => v <= Value, ">" => v > Value, _ => v < Value };
    }
}
