using Lyra.Core.Trading;

namespace Lyra.Ai.Voting;

/// <summary>What every voter sees: the market, the proposed action and the recent candles (oldest first).</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="ProposedAction">What the strategy proposes.</param>
/// <param name="StrategyReason">The strategy's reason.</param>
/// <param name="Closes">Recent closes.</param>
/// <param name="Highs">Recent highs.</param>
/// <param name="Lows">Recent lows.</param>
/// <param name="HasPosition">Whether a position is open in this market.</param>
public sealed record VoteContext(
    string MarketKey,
    TradeAction ProposedAction,
    string StrategyReason,
    double[] Closes,
    double[] Highs,
    double[] Lows,
    bool HasPosition);
