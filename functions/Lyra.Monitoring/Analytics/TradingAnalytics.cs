using Lyra.Strategies.Backtesting;

namespace Lyra.Monitoring.Analytics;

/// <summary>
/// Live trading figures computed from closed trades with <see cref="BacktestStatistics"/> (the formulas of
/// <c>docs/metrics.md</c>): each group's realized equity curve starts at the starting equity when its first trade opened
/// and steps by each trade's PnL when it closes; Sharpe and Sortino are annualized from those samples' spacing.
/// </summary>
public static class TradingAnalytics
{
    /// <summary>What the report says about its method.</summary>
    public const string Method =
        "backtester statistics (docs/metrics.md) over the realized equity curve: starting equity at the first entry, then + each trade's PnL at its close";

    /// <summary>Computes the report.</summary>
    /// <param name="trades">Closed trades, any order.</param>
    /// <param name="startingEquity">The account's starting equity (the paper venue's cash, or the first recorded equity).</param>
    /// <param name="unrealized">Unrealized PnL of open positions by market.</param>
    public static AnalyticsReport Compute(IReadOnlyList<LiveTrade> trades, decimal startingEquity, IReadOnlyDictionary<string, decimal> unrealized)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startingEquity);
        var overall = Summarize("all", trades, startingEquity, unrealized.Values.Sum());
        var byStrategy = trades.GroupBy(t => t.Strategy, StringComparer.Ordinal).Select(g => Summarize(g.Key, [.. g], startingEquity, null));
        var markets = trades.Select(t => t.Market).Concat(unrealized.Keys).Distinct(StringComparer.Ordinal);
        var byMarket = markets.Select(m => Summarize(m, [.. trades.Where(t => t.Market == m)], startingEquity, unrealized.GetValueOrDefault(m)));
        var curve = new List<EquityPoint>(trades.Count + 1);
        var equity = startingEquity;
        foreach (var t in trades.OrderBy(t => t.ExitTime))
        {
            if (curve.Count == 0) curve.Add(new EquityPoint(t.EntryTime < t.ExitTime ? t.EntryTime : t.ExitTime, startingEquity));
            equity += t.Pnl;
            curve.Add(new EquityPoint(t.ExitTime, equity));
        }

        return new AnalyticsReport(overall, [.. byStrategy.OrderByDescending(s => s.RealizedPnl)], [.. byMarket.OrderByDescending(s => s.RealizedPnl)], startingEquity, Method, curve);
    }

    private static PerformanceSummary Summarize(string name, IReadOnlyList<LiveTrade> trades, decimal start, decimal? unrealized)
    {
        var realized = trades.Sum(t => t.Pnl);
        if (trades.Count == 0)
        {
            return new PerformanceSummary(name, 0, 0, unrealized, null, null, null, null, null, 0, null, null, null, null, null);
        }

        var ordered = trades.OrderBy(t => t.ExitTime).ToArray();
        var time = new long[ordered.Length + 1];
        var equity = new double[ordered.Length + 1];
        var list = new Trade[ordered.Length];
        time[0] = Math.Min(ordered.Min(t => t.EntryTime).ToUnixTimeMilliseconds(), ordered[0].ExitTime.ToUnixTimeMilliseconds());
        equity[0] = (double)start;
        var cumulative = start;
        for (var i = 0; i < ordered.Length; i++)
        {
            var t = ordered[i];
            cumulative += t.Pnl;
            time[i + 1] = t.ExitTime.ToUnixTimeMilliseconds();
            equity[i + 1] = (double)cumulative;
            var notional = t.Quantity * t.EntryPrice;
            // ret = pnl / (|q| · entry), as the backtester; without the quantity, the price move.
            var ret = notional != 0 ? (double)(t.Pnl / Math.Abs(notional)) : t.EntryPrice != 0 ? (double)((t.ExitPrice / t.EntryPrice) - 1) : 0;
            list[i] = new Trade(0, 0, t.EntryTime.ToUnixTimeMilliseconds(), t.ExitTime.ToUnixTimeMilliseconds(), (double)t.Quantity, (double)t.EntryPrice,
                (double)t.ExitPrice, (double)t.Pnl, ret, 0, ExitReason.Signal);
        }

        var s = BacktestStatistics.Compute(time, equity, list, (double)start, 0, 1, 1);
        return new PerformanceSummary(name, ordered.Length, realized, unrealized, Finite(s.WinRatePct), Finite(s.ProfitFactor), Finite(s.Sharpe), Finite(s.Sortino),
            Finite(s.MaxDrawdownPct), Finite(s.ReturnPct), Finite(s.ExpectancyPct), Finite(s.BestTradePct), Finite(s.WorstTradePct), ordered[0].ExitTime, ordered[^1].ExitTime);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
}
