using Lyra.Risk.Stops;

namespace Lyra.Risk.Portfolio;

/// <summary>A position of the portfolio: what is held in one market, its cost and its stops.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="Quantity">Base quantity held (0 when closed).</param>
/// <param name="AveragePrice">Average entry price of what is held.</param>
/// <param name="RealizedPnl">Realized profit and loss of this market so far, after fees.</param>
/// <param name="UpdatedAt">Time of the last fill.</param>
/// <param name="LastLossAt">When this market last closed at a loss (for the cooldown).</param>
/// <param name="EntryDecisionId">The decision that opened the position now held.</param>
/// <param name="EntryRealizedPnl">The market's realized PnL just before that entry (so the trade's own result is the difference at exit).</param>
/// <param name="Stops">The stop-loss and take profit of the open position, kept up to date by its monitor.</param>
/// <param name="CheckedThrough">Open time of the newest candle checked against the stops (the entry's candle at first).</param>
/// <param name="MonitorSeen">Open time of the newest candle the position's monitor has looked at (a deferred exit is seen, not yet checked).</param>
public sealed record PositionState(string MarketKey, decimal Quantity, decimal AveragePrice, decimal RealizedPnl, DateTimeOffset UpdatedAt, DateTimeOffset? LastLossAt = null,
    string? EntryDecisionId = null, decimal EntryRealizedPnl = 0, StopLevels? Stops = null, DateTimeOffset? CheckedThrough = null, DateTimeOffset? MonitorSeen = null)
{
    /// <summary>A market never held.</summary>
    public static PositionState Flat(string marketKey) => new(marketKey, 0, 0, 0, DateTimeOffset.UnixEpoch);

    /// <summary>Unrealized profit at <paramref name="lastPrice"/>.</summary>
    public decimal UnrealizedPnl(decimal lastPrice) => Quantity * (lastPrice - AveragePrice);
}
