using Lyra.Core.Trading;
using Lyra.Risk.Stops;

namespace Lyra.Risk.Portfolio;

/// <summary>An executed order as the portfolio books it.</summary>
/// <param name="ClientOrderId">The order's client id: a fill is booked once per id.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Filled base quantity.</param>
/// <param name="Price">Average fill price.</param>
/// <param name="Fee">Fee in quote currency.</param>
/// <param name="Time">When it filled.</param>
public sealed record Fill(string ClientOrderId, string MarketKey, TradeAction Side, decimal Quantity, decimal Price, decimal Fee, DateTimeOffset Time);

/// <summary>Where a fill comes from.</summary>
/// <param name="DecisionId">The decision that placed the order.</param>
/// <param name="DecisionTime">Open time of the candle the decision was made on.</param>
/// <param name="Stops">The stop plan of an entry.</param>
public sealed record FillOrigin(string DecisionId, DateTimeOffset DecisionTime, StopPlan? Stops = null);

/// <summary>A trade that a fill closed.</summary>
/// <param name="EntryDecisionId">The decision that opened it.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Pnl">Its result after both fees.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="ExitPrice">Exit price.</param>
/// <param name="ClosedAt">When it closed.</param>
public sealed record ClosedTrade(string EntryDecisionId, string MarketKey, decimal Pnl, decimal EntryPrice, decimal ExitPrice, DateTimeOffset ClosedAt);

/// <summary>What booking a fill did.</summary>
/// <param name="Position">The position after the fill.</param>
/// <param name="Closed">The trade it closed, if it closed one.</param>
public sealed record AppliedFill(PositionState Position, ClosedTrade? Closed);
