using Lyra.Core.Trading;
using Lyra.Risk.Portfolio;

namespace Lyra.Risk.Gate;

/// <summary>What the gate is asked to judge.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="Action">Buy (open) or sell (close the long).</param>
/// <param name="Price">Reference price for sizing.</param>
/// <param name="Portfolio">The portfolio now.</param>
/// <param name="TradingEnabled">False when the kill switch is on.</param>
public sealed record RiskRequest(string MarketKey, TradeAction Action, decimal Price, PortfolioSnapshot Portfolio, bool TradingEnabled);
