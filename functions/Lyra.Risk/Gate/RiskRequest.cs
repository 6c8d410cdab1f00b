using Lyra.Core.Trading;
using Lyra.Risk.Portfolio;

namespace Lyra.Risk.Gate;

/// <summary>What the gate is asked to judge.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="Action">Buy (open) or sell (close the long).</param>
/// <param name="Price">Reference price for sizing.</param>
/// <param name="Portfolio">The portfolio now.</param>
/// <param name="TradingEnabled">False when the kill switch is on.</param>
/// <param name="PeakEquity">Highest equity seen (for the drawdown breaker); null = current equity.</param>
/// <param name="LastLossAt">When this market last closed at a loss (for the cooldown).</param>
/// <param name="Now">Decision time.</param>
/// <param name="Atr">Average true range of the market (for ATR stops and volatility sizing), when known.</param>
/// <param name="Trades">Closed-trade statistics (for Kelly sizing), when known.</param>
public sealed record RiskRequest(string MarketKey, TradeAction Action, decimal Price, PortfolioSnapshot Portfolio, bool TradingEnabled,
    decimal? PeakEquity = null, DateTimeOffset? LastLossAt = null, DateTimeOffset? Now = null, double? Atr = null, TradeStats? Trades = null);

/// <summary>What closed trades say about the edge.</summary>
/// <param name="Count">Closed trades.</param>
/// <param name="WinRate">Share of profitable trades.</param>
/// <param name="Payoff">Mean win / mean loss (0 when there was no loss or no win).</param>
public sealed record TradeStats(int Count, double WinRate, double Payoff)
{
    /// <summary>Statistics of the given trade results.</summary>
    public static TradeStats Of(IReadOnlyCollection<decimal> pnls)
    {
        var wins = pnls.Where(p => p > 0).ToList();
        var losses = pnls.Where(p => p <= 0).Select(p => -p).ToList();
        var payoff = wins.Count > 0 && losses.Count > 0 && losses.Average() > 0 ? (double)(wins.Average() / losses.Average()) : 0;
        return new TradeStats(pnls.Count, pnls.Count > 0 ? (double)wins.Count / pnls.Count : 0, payoff);
    }
}
