namespace Lyra.Api.Portfolio;

/// <summary>Body of <c>GET /api/positions</c>.</summary>
/// <param name="Cash">Free quote currency.</param>
/// <param name="Equity">Cash plus positions at their last prices.</param>
/// <param name="RealizedPnl">Realized PnL after fees.</param>
/// <param name="UnrealizedPnl">PnL of the open positions at their last prices.</param>
/// <param name="FeesPaid">Fees paid.</param>
/// <param name="Positions">Open positions (and closed ones with <c>all=true</c>).</param>
public sealed record PositionsResponse(decimal Cash, decimal Equity, decimal RealizedPnl, decimal UnrealizedPnl, decimal FeesPaid, IReadOnlyList<PositionRow> Positions);
