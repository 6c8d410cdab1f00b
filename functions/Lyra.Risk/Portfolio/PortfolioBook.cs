using Lyra.Core.Trading;
using Lyra.Risk.Stops;

namespace Lyra.Risk.Portfolio;

/// <summary>
/// The portfolio: the account (cash, realized PnL, fees), every position ever held, the highest equity seen and the
/// equity at the start of the current day. The one place where fills change cash and positions and where equity is
/// valued; stores persist it, the risk gate and the API read it. Immutable: every change returns a new book.
/// </summary>
/// <param name="Account">Cash and realized PnL.</param>
/// <param name="Positions">Positions by market key (closed ones have quantity 0).</param>
/// <param name="PeakEquity">Highest equity recorded (for the drawdown breaker).</param>
/// <param name="DayStart">Equity when the latest recorded UTC day was first seen.</param>
public sealed record PortfolioBook(AccountState Account, IReadOnlyDictionary<string, PositionState> Positions, decimal PeakEquity = 0, EquityMark? DayStart = null)
{
    /// <summary>A new account holding <paramref name="startingCash"/> and nothing else.</summary>
    public static PortfolioBook Empty(decimal startingCash) => new(new AccountState(startingCash, 0, 0), new Dictionary<string, PositionState>(StringComparer.Ordinal));

    /// <summary>The position of <paramref name="marketKey"/> (quantity 0 when never held or closed).</summary>
    public PositionState Position(string marketKey) => Positions.TryGetValue(marketKey, out var p) ? p : PositionState.Flat(marketKey);

    /// <summary>Positions with a quantity.</summary>
    public IEnumerable<PositionState> Open => Positions.Values.Where(p => p.Quantity != 0);

    /// <summary>
    /// Books a fill: cash, fees, the position's size, average price and realized PnL. An entry (the fill that opens the
    /// position) remembers its decision and attaches its stops at the fill price; the fill that closes the position
    /// reports the trade with its result after both fees.
    /// </summary>
    public (PortfolioBook Book, AppliedFill Applied) Apply(Fill fill, FillOrigin? origin = null)
    {
        if (fill.Quantity <= 0) throw new ArgumentException($"Fill {fill.ClientOrderId} has no quantity.", nameof(fill));
        if (fill.Side is not (TradeAction.Buy or TradeAction.Sell)) throw new ArgumentException($"Fill {fill.ClientOrderId} is neither a buy nor a sell.", nameof(fill));
        var p = Position(fill.MarketKey);
        var a = Account;
        AccountState account;
        PositionState position;
        if (fill.Side == TradeAction.Buy)
        {
            var quantity = p.Quantity + fill.Quantity;
            var average = ((p.Quantity * p.AveragePrice) + (fill.Quantity * fill.Price)) / quantity;
            var opens = p.Quantity == 0;
            account = a with { Cash = a.Cash - (fill.Quantity * fill.Price) - fill.Fee, RealizedPnl = a.RealizedPnl - fill.Fee, FeesPaid = a.FeesPaid + fill.Fee };
            position = p with
            {
                Quantity = quantity, AveragePrice = Math.Round(average, 10), RealizedPnl = p.RealizedPnl - fill.Fee, UpdatedAt = fill.Time,
                EntryDecisionId = opens ? origin?.DecisionId : p.EntryDecisionId, EntryRealizedPnl = opens ? p.RealizedPnl : p.EntryRealizedPnl,
                Stops = opens ? (origin?.Stops is { } plan ? StopManager.Attach(plan, fill.Price) : null) : p.Stops,
                CheckedThrough = opens ? origin?.DecisionTime : p.CheckedThrough,
                MonitorSeen = opens ? null : p.MonitorSeen,
            };
        }
        else
        {
            // A spot account sells at most what it holds.
            var sold = Math.Min(fill.Quantity, p.Quantity);
            var realized = (sold * (fill.Price - p.AveragePrice)) - fill.Fee;
            var left = p.Quantity - sold;
            account = a with { Cash = a.Cash + (sold * fill.Price) - fill.Fee, RealizedPnl = a.RealizedPnl + realized, FeesPaid = a.FeesPaid + fill.Fee };
            position = p with
            {
                Quantity = left, AveragePrice = left == 0 ? 0 : p.AveragePrice, RealizedPnl = p.RealizedPnl + realized, UpdatedAt = fill.Time,
                LastLossAt = realized < 0 ? fill.Time : p.LastLossAt,
                EntryDecisionId = left == 0 ? null : p.EntryDecisionId, Stops = left == 0 ? null : p.Stops,
                CheckedThrough = left == 0 ? null : p.CheckedThrough, MonitorSeen = left == 0 ? null : p.MonitorSeen,
            };
        }

        ClosedTrade? closed = null;
        if (fill.Side == TradeAction.Sell && p.Quantity > 0 && position.Quantity == 0 && p.EntryDecisionId is { } entry)
        {
            closed = new ClosedTrade(entry, fill.MarketKey, position.RealizedPnl - p.EntryRealizedPnl, p.AveragePrice, fill.Price, fill.Time);
        }

        return (this with { Account = account, Positions = With(fill.MarketKey, position) }, new AppliedFill(position, closed));
    }

    /// <summary>
    /// The book with the stops of the position opened by <paramref name="entryDecisionId"/> moved after its monitor checked
    /// the candles through <paramref name="checkedThrough"/>; null when that position is no longer open.
    /// </summary>
    public PortfolioBook? WithStops(string marketKey, string entryDecisionId, StopLevels levels, DateTimeOffset? checkedThrough, DateTimeOffset seen)
    {
        var p = Position(marketKey);
        if (p.Quantity == 0 || p.EntryDecisionId != entryDecisionId) return null;
        return this with { Positions = With(marketKey, p with { Stops = levels, CheckedThrough = checkedThrough, MonitorSeen = seen }) };
    }

    /// <summary>The book with <paramref name="equity"/> recorded as of <paramref name="now"/>: a new peak, and the day's start when the day is new.</summary>
    public PortfolioBook WithEquity(decimal equity, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        return this with
        {
            PeakEquity = Math.Max(PeakEquity, equity),
            DayStart = DayStart is { } d && d.Day == day ? d : new EquityMark(day, equity),
        };
    }

    /// <summary>
    /// The book valued at <paramref name="lastPrices"/> (the average price where a market has none) at <paramref name="now"/>:
    /// the one equity computation of Lyra. Nothing is recorded: the peak and the day's start are the recorded ones, or the
    /// current equity where none is recorded yet.
    /// </summary>
    public PortfolioSnapshot Value(IReadOnlyDictionary<string, decimal> lastPrices, DateTimeOffset now)
    {
        var views = new List<PositionView>();
        foreach (var p in Open.OrderBy(p => p.MarketKey, StringComparer.Ordinal))
        {
            views.Add(new PositionView(p.MarketKey, p.Quantity, p.AveragePrice, lastPrices.TryGetValue(p.MarketKey, out var last) ? last : p.AveragePrice));
        }

        var equity = Account.Cash + views.Sum(v => v.Notional);
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var startOfDay = DayStart is { } d && d.Day == day ? d.Equity : equity;
        return new PortfolioSnapshot(Account.Cash, views, startOfDay)
        {
            RealizedPnl = Account.RealizedPnl, FeesPaid = Account.FeesPaid, PeakEquity = Math.Max(PeakEquity, equity),
        };
    }

    private Dictionary<string, PositionState> With(string marketKey, PositionState position) =>
        new(Positions, StringComparer.Ordinal) { [marketKey] = position };
}
