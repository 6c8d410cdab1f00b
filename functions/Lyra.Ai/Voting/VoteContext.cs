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
/// <param name="Indicators">Indicator values on the newest candle (name → value), for the LLM voters.</param>
/// <param name="RecentDecisions">The market's latest decisions in one line each, newest first.</param>
/// <param name="Position">The open position in words (quantity, entry, unrealized PnL), when there is one.</param>
public sealed record VoteContext(
    string MarketKey,
    TradeAction ProposedAction,
    string StrategyReason,
    double[] Closes,
    double[] Highs,
    double[] Lows,
    bool HasPosition,
    IReadOnlyDictionary<string, double>? Indicators = null,
    IReadOnlyList<string>? RecentDecisions = null,
    string? Position = null);
