namespace Lyra.Monitoring.Analytics;

/// <summary>
/// Performance of a set of trades (all, one strategy, one market) with the backtester's formulas over the realized
/// equity curve. A figure that is undefined (no trades, no losing trade, no variance) is null, never 0.
/// </summary>
/// <param name="Name">The strategy or market; <c>all</c> overall.</param>
/// <param name="Trades">Closed round trips.</param>
/// <param name="RealizedPnl">Sum of realized PnL after fees.</param>
/// <param name="UnrealizedPnl">PnL of the positions still open (per market and overall; null per strategy).</param>
/// <param name="WinRatePct">Winning trades / trades · 100.</param>
/// <param name="ProfitFactor">Gross wins / gross losses.</param>
/// <param name="Sharpe">Annualized Sharpe of the realized equity curve's returns.</param>
/// <param name="Sortino">Annualized Sortino of the same returns.</param>
/// <param name="MaxDrawdownPct">Deepest fall of the realized equity curve from a peak, %.</param>
/// <param name="ReturnPct">Realized PnL against the starting equity, %.</param>
/// <param name="ExpectancyPct">Mean trade return, %.</param>
/// <param name="BestTradePct">Best trade return, %.</param>
/// <param name="WorstTradePct">Worst trade return, %.</param>
/// <param name="FirstTrade">When the first trade closed.</param>
/// <param name="LastTrade">When the last trade closed.</param>
public sealed record PerformanceSummary(string Name, int Trades, decimal RealizedPnl, decimal? UnrealizedPnl, double? WinRatePct, double? ProfitFactor, double? Sharpe,
    double? Sortino, double? MaxDrawdownPct, double? ReturnPct, double? ExpectancyPct, double? BestTradePct, double? WorstTradePct, DateTimeOffset? FirstTrade, DateTimeOffset? LastTrade);

/// <summary>Live analytics: overall, per strategy, per market.</summary>
/// <param name="Overall">Every trade.</param>
/// <param name="ByStrategy">Per strategy, best realized PnL first.</param>
/// <param name="ByMarket">Per market, best realized PnL first.</param>
/// <param name="StartingEquity">The equity the curves start from.</param>
/// <param name="Method">How the figures are computed.</param>
/// <param name="Equity">The realized equity curve: the starting equity, then after each closed trade (for charts).</param>
public sealed record AnalyticsReport(PerformanceSummary Overall, IReadOnlyList<PerformanceSummary> ByStrategy, IReadOnlyList<PerformanceSummary> ByMarket, decimal StartingEquity, string Method,
    IReadOnlyList<EquityPoint>? Equity = null);

/// <summary>A point of an equity curve.</summary>
/// <param name="Time">When.</param>
/// <param name="Equity">Equity then.</param>
public sealed record EquityPoint(DateTimeOffset Time, decimal Equity);
