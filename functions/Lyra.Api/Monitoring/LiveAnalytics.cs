using Lyra.Core.Journals;
using Lyra.Exchanges.Paper;
using Lyra.Monitoring.Analytics;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Monitoring;

/// <summary>The closed trades, each attributed to the strategy of the decision that opened it, and the valued book they were read with.</summary>
/// <param name="Trades">Newest closed trades.</param>
/// <param name="Book">The portfolio at current prices.</param>
/// <param name="StartingEquity">The equity the curves start from.</param>
public sealed record LiveTrades(IReadOnlyList<LiveTrade> Trades, ValuedPortfolio Book, decimal StartingEquity)
{
    /// <summary>Unrealized PnL of the open positions by market.</summary>
    public IReadOnlyDictionary<string, decimal> Unrealized => Book.Snapshot.Positions.ToDictionary(p => p.MarketKey, p => p.UnrealizedPnl, StringComparer.Ordinal);
}

/// <summary>
/// The live analytics: the newest closed trades, each attributed to the strategy of the decision that opened it (its
/// journal), plus the open positions' unrealized PnL, through <see cref="TradingAnalytics"/>.
/// </summary>
public sealed class LiveAnalytics(IPortfolioStore portfolio, PortfolioValuation valuation, IJournalStore<DecisionJournal> decisions, IOptions<PaperExchangeOptions> paper)
{
    /// <summary>The report over the newest <paramref name="limit"/> closed trades.</summary>
    public async Task<AnalyticsReport> ComputeAsync(int limit, CancellationToken cancellationToken = default)
    {
        var live = await LoadAsync(limit, cancellationToken);
        return TradingAnalytics.Compute(live.Trades, live.StartingEquity, live.Unrealized);
    }

    /// <summary>The newest <paramref name="limit"/> closed trades with their strategies, and the valued book.</summary>
    public async Task<LiveTrades> LoadAsync(int limit, CancellationToken cancellationToken = default)
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

        return new LiveTrades(trades, await valuation.GetAsync(cancellationToken), paper.Value.StartingCash);
    }
}
