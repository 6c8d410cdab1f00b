using Lyra.Core.Journals;
using Lyra.Exchanges.Paper;
using Lyra.Monitoring.Analytics;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Monitoring;

/// <summary>
/// The live analytics report: the newest closed trades, each attributed to the strategy of the decision that opened it
/// (its journal), plus the open positions' unrealized PnL, through <see cref="TradingAnalytics"/>.
/// </summary>
public sealed class LiveAnalytics(IPortfolioStore portfolio, PortfolioValuation valuation, IJournalStore<DecisionJournal> decisions, IOptions<PaperExchangeOptions> paper)
{
    /// <summary>The report over the newest <paramref name="limit"/> closed trades.</summary>
    public async Task<AnalyticsReport> ComputeAsync(int limit, CancellationToken cancellationToken = default)
    {
        var closed = await portfolio.ListTradesAsync(limit, cancellationToken);
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
        return TradingAnalytics.Compute(trades, paper.Value.StartingCash, unrealized);
    }
}
