namespace Lyra.Monitoring.Analytics;

/// <summary>One closed round trip of live (or paper) trading, attributed to the strategy whose decision opened it.</summary>
/// <param name="Market">Market key.</param>
/// <param name="Strategy">The strategy of the opening decision (<c>manual</c> for a person's order, <c>unknown</c> when its journal is gone).</param>
/// <param name="EntryTime">When the position was opened.</param>
/// <param name="ExitTime">When it was closed.</param>
/// <param name="Quantity">Quantity traded (0 when unknown: the trade's return is then its price move).</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="ExitPrice">Exit price.</param>
/// <param name="Pnl">Realized PnL after fees.</param>
public sealed record LiveTrade(string Market, string Strategy, DateTimeOffset EntryTime, DateTimeOffset ExitTime, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal Pnl);
