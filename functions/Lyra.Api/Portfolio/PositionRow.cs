using Lyra.Risk.Portfolio;

namespace Lyra.Api.Portfolio;

/// <summary>One position with its stops.</summary>
/// <param name="Market">Market key.</param>
/// <param name="Quantity">Base quantity held.</param>
/// <param name="AveragePrice">Average entry price.</param>
/// <param name="LastPrice">Latest known price.</param>
/// <param name="UnrealizedPnl">PnL at the last price.</param>
/// <param name="RealizedPnl">Realized PnL of this market after fees.</param>
/// <param name="UpdatedAt">Time of the last fill.</param>
/// <param name="EntryDecision">The decision that opened the position.</param>
/// <param name="Stop">Current stop price.</param>
/// <param name="InitialStop">The stop set at entry.</param>
/// <param name="TakeProfit">Take-profit price.</param>
/// <param name="TrailingDistance">Trailing distance when the stop trails.</param>
/// <param name="StopsCheckedThrough">Open time of the newest candle checked against the stops.</param>
public sealed record PositionRow(string Market, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal UnrealizedPnl, decimal RealizedPnl,
    DateTimeOffset UpdatedAt, string? EntryDecision, decimal? Stop, decimal? InitialStop, decimal? TakeProfit, decimal? TrailingDistance,
    DateTimeOffset? StopsCheckedThrough)
{
    /// <summary>The row of <paramref name="p"/> valued at <paramref name="last"/>.</summary>
    public static PositionRow Of(PositionState p, decimal last) =>
        new(p.MarketKey, p.Quantity, p.AveragePrice, last, Math.Round(p.UnrealizedPnl(last), 8), p.RealizedPnl, p.UpdatedAt, p.EntryDecisionId,
            p.Stops?.Stop, p.Stops?.InitialStop, p.Stops?.TakeProfit, p.Stops is { TrailingDistance: > 0 } t ? t.TrailingDistance : null, p.CheckedThrough);
}
