namespace Lyra.Risk.Portfolio;

/// <summary>An open position valued at its last price.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="Quantity">Base quantity held (positive: long).</param>
/// <param name="AveragePrice">Average entry price.</param>
/// <param name="LastPrice">Latest known price.</param>
public sealed record PositionView(string MarketKey, decimal Quantity, decimal AveragePrice, decimal LastPrice)
{
    /// <summary>Market value at the last price.</summary>
    public decimal Notional => Quantity * LastPrice;

    /// <summary>Profit not yet realized, at the last price.</summary>
    public decimal UnrealizedPnl => Quantity * (LastPrice - AveragePrice);
}

/// <summary>The portfolio valued at a moment (see <see cref="PortfolioBook.Value"/>).</summary>
/// <param name="Cash">Free quote currency.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="StartOfDayEquity">Equity at the start of the UTC day (for the daily loss limit).</param>
public sealed record PortfolioSnapshot(decimal Cash, IReadOnlyList<PositionView> Positions, decimal StartOfDayEquity)
{
    /// <summary>Cash plus positions at their last prices.</summary>
    public decimal Equity => Cash + Positions.Sum(p => p.Notional);

    /// <summary>Profit of the open positions at their last prices.</summary>
    public decimal UnrealizedPnl => Positions.Sum(p => p.UnrealizedPnl);

    /// <summary>Realized PnL after fees.</summary>
    public decimal RealizedPnl { get; init; }

    /// <summary>Fees paid.</summary>
    public decimal FeesPaid { get; init; }

    /// <summary>Highest equity seen, this valuation included.</summary>
    public decimal PeakEquity { get; init; }

    /// <summary>The open position in <paramref name="marketKey"/>, if any.</summary>
    public PositionView? Find(string marketKey) => Positions.FirstOrDefault(p => p.MarketKey == marketKey && p.Quantity != 0);
}
