namespace Lyra.Risk.Portfolio;

/// <summary>The account's cash and realized PnL.</summary>
/// <param name="Cash">Free quote currency.</param>
/// <param name="RealizedPnl">Realized PnL after fees.</param>
/// <param name="FeesPaid">Fees paid.</param>
public sealed record AccountState(decimal Cash, decimal RealizedPnl, decimal FeesPaid);
