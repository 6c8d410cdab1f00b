using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Exchanges.Paper;
using Lyra.Monitoring.Analytics;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Monitoring;

/// <summary>
/// <c>GET /api/monitoring/analytics</c>: live PnL, win rate, profit factor, Sharpe, Sortino and max drawdown overall, per
/// strategy and per market, from the portfolio's closed trades, each attributed to the strategy of the decision that
/// opened it (its journal), with the backtester's formulas (<see cref="TradingAnalytics"/>).
/// </summary>
public sealed class MonitoringApi(IPortfolioStore portfolio, PortfolioValuation valuation, IJournalStore<DecisionJournal> decisions, IOptions<PaperExchangeOptions> paper,
    TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.MonitoringAnalytics];

    /// <inheritdoc />
    public async Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        var q = request.Query("limit");
        var closed = await portfolio.ListTradesAsync(q.Limit(1000, 10_000), cancellationToken);
        var journals = new Dictionary<string, DecisionJournal?>(StringComparer.Ordinal);
        var trades = new List<LiveTrade>(closed.Count);
        foreach (var c in closed)
        {
            if (!journals.TryGetValue(c.EntryDecisionId, out var j))
            {
                j = await decisions.GetAsync(c.EntryDecisionId, cancellationToken);
                journals[c.EntryDecisionId] = j;
            }

            trades.Add(new LiveTrade(c.MarketKey, j?.Signal.Strategy ?? "unknown", j?.StartedAt ?? c.ClosedAt, c.ClosedAt, j?.Order?.FilledQuantity ?? 0,
                c.EntryPrice, c.ExitPrice, c.Pnl));
        }

        var now = await valuation.GetAsync(cancellationToken);
        var unrealized = now.Snapshot.Positions.ToDictionary(p => p.MarketKey, p => p.UnrealizedPnl, StringComparer.Ordinal);
        var report = TradingAnalytics.Compute(trades, paper.Value.StartingCash, unrealized);
        return ApiResult.Ok(report, ApiRoutes.MonitoringAnalytics.Module, time.GetUtcNow());
    }
}
