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
public sealed record RiskRequest(string MarketKey, TradeAction Action, decimal Price, PortfolioSnapshot Portfolio, bool TradingEnabled,
    decimal? PeakEquity = null, DateTimeOffset? LastLossAt = null, DateTimeOffset? Now = null);
