using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Data.Storage;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Stops;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Storage;

/// <summary>A position as stored.</summary>
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
    string? EntryDecisionId = null, decimal EntryRealizedPnl = 0, StopLevels? Stops = null, DateTimeOffset? CheckedThrough = null, DateTimeOffset? MonitorSeen = null);

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

/// <summary>What applying a fill did.</summary>
/// <param name="Position">The position after the fill.</param>
/// <param name="Closed">The trade it closed, if it closed one.</param>
public sealed record AppliedFill(PositionState Position, ClosedTrade? Closed);

/// <summary>The paper account's cash and realized PnL.</summary>
/// <param name="Cash">Free quote currency.</param>
/// <param name="RealizedPnl">Realized PnL after fees.</param>
/// <param name="FeesPaid">Fees paid.</param>
public sealed record AccountState(decimal Cash, decimal RealizedPnl, decimal FeesPaid);

/// <summary>
/// The portfolio in one table partition: the account row, one row per position and one marker row per applied fill.
/// A fill is applied in one transaction that also inserts its marker, so applying the same fill twice is impossible;
/// ETags make concurrent fills retry instead of overwriting each other.
/// </summary>
public sealed class PortfolioStore(TableProvider tables, IOptions<PaperExchangeOptions> paper, TimeProvider time)
{
    private const string Partition = "portfolio";
    private const string AccountRow = "account";
    private const int MaxAttempts = 40;

    /// <summary>
    /// Applies a filled order to cash and the position, exactly once per client order id. <paramref name="origin"/> is the
    /// decision that placed it: an entry remembers it and attaches its stops at the fill price; the exit reports the trade
    /// it closed, also when applied again.
    /// </summary>
    public async Task<AppliedFill> ApplyFillAsync(OrderResult fill, FillOrigin? origin = null, CancellationToken cancellationToken = default)
    {
        if (fill.Status != OrderStatus.Filled || fill.FilledQuantity <= 0) throw new ArgumentException($"Order {fill.ClientOrderId} is not filled.", nameof(fill));
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var marker = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "fill|" + fill.ClientOrderId, cancellationToken: cancellationToken);
            var posRow = await table.GetEntityIfExistsAsync<TableEntity>(Partition, PositionRow(fill.MarketKey), cancellationToken: cancellationToken);
            if (marker.HasValue)
            {
                return new AppliedFill(posRow.HasValue ? ToPosition(posRow.Value!) : new PositionState(fill.MarketKey, 0, 0, 0, fill.Time), ClosedFrom(marker.Value!, fill));
            }

            var accRow = await table.GetEntityIfExistsAsync<TableEntity>(Partition, AccountRow, cancellationToken: cancellationToken);
            var account = accRow.HasValue ? ToAccount(accRow.Value!) : new AccountState(paper.Value.StartingCash, 0, 0);
            var pos = posRow.HasValue ? ToPosition(posRow.Value!) : new PositionState(fill.MarketKey, 0, 0, 0, fill.Time);

            var (newAccount, newPos) = Apply(account, pos, fill, origin);
            ClosedTrade? closed = null;
            var markerEntity = new TableEntity(Partition, "fill|" + fill.ClientOrderId) { ["AppliedAt"] = time.GetUtcNow() };
            var actions = new List<TableTransactionAction>
            {
                AccountAction(newAccount, accRow.HasValue ? accRow.Value!.ETag : (ETag?)null),
                PositionAction(newPos, posRow.HasValue ? posRow.Value!.ETag : (ETag?)null),
            };
            if (fill.Side == TradeAction.Sell && pos.Quantity > 0 && newPos.Quantity == 0 && pos.EntryDecisionId is { } entry)
            {
                closed = new ClosedTrade(entry, fill.MarketKey, newPos.RealizedPnl - pos.EntryRealizedPnl, pos.AveragePrice, fill.AveragePrice, fill.Time);
                markerEntity["ClosedEntry"] = entry;
                markerEntity["ClosedPnl"] = TableKeys.Text(closed.Pnl);
                markerEntity["EntryPrice"] = TableKeys.Text(closed.EntryPrice);
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, "trade|" + TableKeys.Descending(fill.Time) + "|" + entry)
                {
                    ["EntryDecisionId"] = entry, ["MarketKey"] = fill.MarketKey, ["Pnl"] = TableKeys.Text(closed.Pnl),
                    ["EntryPrice"] = TableKeys.Text(closed.EntryPrice), ["ExitPrice"] = TableKeys.Text(closed.ExitPrice), ["ClosedAt"] = fill.Time,
                }));
            }

            actions.Add(new(TableTransactionActionType.Add, markerEntity));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new AppliedFill(newPos, closed);
            }
            catch (TableTransactionFailedException e) when ((e.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Someone else changed the account or position, or applied this very fill: back off with jitter, read again.
                await Task.Delay(Random.Shared.Next(2, 10 * Math.Min(attempt, 8)), cancellationToken);
            }
        }
    }

    /// <summary>The position of <paramref name="marketKey"/> (quantity 0 when never held or closed).</summary>
    public async Task<PositionState> GetPositionAsync(string marketKey, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, PositionRow(marketKey), cancellationToken: cancellationToken);
        return row.HasValue ? ToPosition(row.Value!) : new PositionState(marketKey, 0, 0, 0, DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// Stores the stops of the position opened by <paramref name="entryDecisionId"/> after its monitor checked the candles
    /// through <paramref name="checkedThrough"/>; false (nothing written) when that position is no longer open.
    /// </summary>
    public async Task<bool> UpdateStopsAsync(string marketKey, string entryDecisionId, StopLevels levels, DateTimeOffset? checkedThrough, DateTimeOffset seen, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        return await OptimisticRetry.RunAsync(async () =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, PositionRow(marketKey), cancellationToken: cancellationToken);
            if (!row.HasValue) return false;
            var pos = ToPosition(row.Value!);
            if (pos.Quantity == 0 || pos.EntryDecisionId != entryDecisionId) return false;
            var action = PositionAction(pos with { Stops = levels, CheckedThrough = checkedThrough, MonitorSeen = seen }, row.Value!.ETag);
            await table.UpdateEntityAsync(action.Entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>The newest closed trades, newest first.</summary>
    public async Task<IReadOnlyList<ClosedTrade>> ListTradesAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var list = new List<ClosedTrade>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("trade|") >= 0 && x.RowKey.CompareTo("trade}") < 0, cancellationToken: cancellationToken))
        {
            list.Add(new ClosedTrade(e.GetString("EntryDecisionId"), e.GetString("MarketKey"), TableKeys.ParseText(e.GetString("Pnl")),
                TableKeys.ParseText(e.GetString("EntryPrice")), TableKeys.ParseText(e.GetString("ExitPrice")), e.GetDateTimeOffset("ClosedAt") ?? DateTimeOffset.UnixEpoch));
            if (list.Count >= limit) break;
        }

        return list;
    }

    private static ClosedTrade? ClosedFrom(TableEntity marker, OrderResult fill) =>
        marker.GetString("ClosedEntry") is { } entry
            ? new ClosedTrade(entry, fill.MarketKey, TableKeys.ParseText(marker.GetString("ClosedPnl")), TableKeys.ParseText(marker.GetString("EntryPrice")), fill.AveragePrice, fill.Time)
            : null;

    private static (AccountState, PositionState) Apply(AccountState a, PositionState p, OrderResult f, FillOrigin? origin)
    {
        var qty = f.FilledQuantity;
        var price = f.AveragePrice;
        if (f.Side == TradeAction.Buy)
        {
            var newQty = p.Quantity + qty;
            var avg = ((p.Quantity * p.AveragePrice) + (qty * price)) / newQty;
            var opens = p.Quantity == 0;
            return (a with { Cash = a.Cash - (qty * price) - f.Fee, RealizedPnl = a.RealizedPnl - f.Fee, FeesPaid = a.FeesPaid + f.Fee },
                p with
                {
                    Quantity = newQty, AveragePrice = Math.Round(avg, 10), RealizedPnl = p.RealizedPnl - f.Fee, UpdatedAt = f.Time,
                    EntryDecisionId = opens ? origin?.DecisionId : p.EntryDecisionId, EntryRealizedPnl = opens ? p.RealizedPnl : p.EntryRealizedPnl,
                    Stops = opens ? (origin?.Stops is { } plan ? StopManager.Attach(plan, price) : null) : p.Stops,
                    CheckedThrough = opens ? origin?.DecisionTime : p.CheckedThrough,
                    MonitorSeen = opens ? null : p.MonitorSeen,
                });
        }

        var sold = Math.Min(qty, p.Quantity);
        var realized = (sold * (price - p.AveragePrice)) - f.Fee;
        var left = p.Quantity - sold;
        return (a with { Cash = a.Cash + (sold * price) - f.Fee, RealizedPnl = a.RealizedPnl + realized, FeesPaid = a.FeesPaid + f.Fee },
            p with { Quantity = left, AveragePrice = left == 0 ? 0 : p.AveragePrice, RealizedPnl = p.RealizedPnl + realized, UpdatedAt = f.Time, LastLossAt = realized < 0 ? f.Time : p.LastLossAt,
                EntryDecisionId = left == 0 ? null : p.EntryDecisionId, Stops = left == 0 ? null : p.Stops, CheckedThrough = left == 0 ? null : p.CheckedThrough,
                MonitorSeen = left == 0 ? null : p.MonitorSeen });
    }

    /// <summary>The account (starting cash when nothing happened yet).</summary>
    public async Task<AccountState> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, AccountRow, cancellationToken: cancellationToken);
        return row.HasValue ? ToAccount(row.Value!) : new AccountState(paper.Value.StartingCash, 0, 0);
    }

    /// <summary>All positions ever held (closed ones have quantity 0).</summary>
    public async Task<IReadOnlyList<PositionState>> ListPositionsAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var list = new List<PositionState>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("pos|") >= 0 && x.RowKey.CompareTo("pos}") < 0, cancellationToken: cancellationToken))
        {
            list.Add(ToPosition(e));
        }

        return list;
    }

    /// <summary>
    /// The portfolio valued at the latest prices, with the equity at the start of the current UTC day
    /// (recorded the first time the day is seen).
    /// </summary>
    public async Task<PortfolioSnapshot> GetSnapshotAsync(IPriceSource prices, CancellationToken cancellationToken = default)
    {
        var account = await GetAccountAsync(cancellationToken);
        var views = new List<PositionView>();
        foreach (var p in await ListPositionsAsync(cancellationToken))
        {
            if (p.Quantity == 0) continue;
            var last = await prices.GetLastPriceAsync(p.MarketKey, cancellationToken) ?? p.AveragePrice;
            views.Add(new PositionView(p.MarketKey, p.Quantity, p.AveragePrice, last));
        }

        var equity = account.Cash + views.Sum(v => v.Notional);
        var startOfDay = await GetStartOfDayEquityAsync(equity, cancellationToken);
        return new PortfolioSnapshot(account.Cash, views, startOfDay);
    }

    /// <summary>Records <paramref name="equity"/> when it is a new high and returns the highest equity seen.</summary>
    public async Task<decimal> UpdatePeakAsync(decimal equity, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "peak", cancellationToken: cancellationToken);
        var peak = row.HasValue ? TableKeys.ParseText(row.Value!.GetString("Equity")) : 0m;
        if (equity <= peak) return peak;
        var entity = new TableEntity(Partition, "peak") { ["Equity"] = TableKeys.Text(equity) };
        try
        {
            if (row.HasValue) await table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            else await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Someone else moved the peak at the same time; the higher of the two wins on the next call.
        }

        return equity;
    }

    private async Task<decimal> GetStartOfDayEquityAsync(decimal equityNow, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Portfolio, cancellationToken);
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "day|" + day, cancellationToken: cancellationToken);
        if (row.HasValue) return TableKeys.ParseText(row.Value!.GetString("Equity"));
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, "day|" + day) { ["Equity"] = TableKeys.Text(equityNow) }, cancellationToken);
            return equityNow;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var again = await table.GetEntityAsync<TableEntity>(Partition, "day|" + day, cancellationToken: cancellationToken);
            return TableKeys.ParseText(again.Value.GetString("Equity"));
        }
    }

    private static string PositionRow(string marketKey) => "pos|" + marketKey;

    private static TableTransactionAction AccountAction(AccountState a, ETag? etag)
    {
        var e = new TableEntity(Partition, AccountRow)
        {
            ["Cash"] = TableKeys.Text(a.Cash),
            ["RealizedPnl"] = TableKeys.Text(a.RealizedPnl),
            ["FeesPaid"] = TableKeys.Text(a.FeesPaid),
        };
        return etag is null ? new(TableTransactionActionType.Add, e) : new(TableTransactionActionType.UpdateReplace, e, etag.Value);
    }

    private static TableTransactionAction PositionAction(PositionState p, ETag? etag)
    {
        var e = new TableEntity(Partition, PositionRow(p.MarketKey))
        {
            ["MarketKey"] = p.MarketKey,
            ["Quantity"] = TableKeys.Text(p.Quantity),
            ["AveragePrice"] = TableKeys.Text(p.AveragePrice),
            ["RealizedPnl"] = TableKeys.Text(p.RealizedPnl),
            ["UpdatedAt"] = p.UpdatedAt,
            ["LastLossAt"] = p.LastLossAt,
            ["EntryDecisionId"] = p.EntryDecisionId,
            ["EntryRealizedPnl"] = TableKeys.Text(p.EntryRealizedPnl),
            ["CheckedThrough"] = p.CheckedThrough,
            ["MonitorSeen"] = p.MonitorSeen,
        };
        if (p.Stops is { } st)
        {
            e["StopMethod"] = st.Method;
            e["Stop"] = TableKeys.Text(st.Stop);
            e["InitialStop"] = TableKeys.Text(st.InitialStop);
            e["TakeProfit"] = st.TakeProfit is { } tp ? TableKeys.Text(tp) : null;
            e["TrailingDistance"] = TableKeys.Text(st.TrailingDistance);
            e["Highest"] = TableKeys.Text(st.Highest);
        }
        return etag is null ? new(TableTransactionActionType.Add, e) : new(TableTransactionActionType.UpdateReplace, e, etag.Value);
    }

    private static AccountState ToAccount(TableEntity e) =>
        new(TableKeys.ParseText(e.GetString("Cash")), TableKeys.ParseText(e.GetString("RealizedPnl")), TableKeys.ParseText(e.GetString("FeesPaid")));

    private static PositionState ToPosition(TableEntity e) =>
        new(e.GetString("MarketKey"), TableKeys.ParseText(e.GetString("Quantity")), TableKeys.ParseText(e.GetString("AveragePrice")),
            TableKeys.ParseText(e.GetString("RealizedPnl")), e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("LastLossAt"),
            e.GetString("EntryDecisionId"), TableKeys.ParseText(e.GetString("EntryRealizedPnl")),
            e.GetString("StopMethod") is { } method
                ? new StopLevels(TableKeys.ParseText(e.GetString("Stop")), TableKeys.ParseText(e.GetString("InitialStop")),
                    e.GetString("TakeProfit") is { } tp ? TableKeys.ParseText(tp) : null, TableKeys.ParseText(e.GetString("TrailingDistance")), TableKeys.ParseText(e.GetString("Highest")), method)
                : null,
            e.GetDateTimeOffset("CheckedThrough"), e.GetDateTimeOffset("MonitorSeen"));
}
