using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Data.Storage;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Portfolio;
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
public sealed record PositionState(string MarketKey, decimal Quantity, decimal AveragePrice, decimal RealizedPnl, DateTimeOffset UpdatedAt, DateTimeOffset? LastLossAt = null,
    string? EntryDecisionId = null, decimal EntryRealizedPnl = 0);

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
    /// Applies a filled order to cash and the position, exactly once per client order id; <paramref name="decisionId"/> is
    /// the decision that placed it (an entry remembers it; the exit reports the trade it closed, also when applied again).
    /// </summary>
    public async Task<AppliedFill> ApplyFillAsync(OrderResult fill, string? decisionId = null, CancellationToken cancellationToken = default)
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

            var (newAccount, newPos) = Apply(account, pos, fill, decisionId);
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

    private static (AccountState, PositionState) Apply(AccountState a, PositionState p, OrderResult f, string? decisionId)
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
                    EntryDecisionId = opens ? decisionId : p.EntryDecisionId, EntryRealizedPnl = opens ? p.RealizedPnl : p.EntryRealizedPnl,
                });
        }

        var sold = Math.Min(qty, p.Quantity);
        var realized = (sold * (price - p.AveragePrice)) - f.Fee;
        var left = p.Quantity - sold;
        return (a with { Cash = a.Cash + (sold * price) - f.Fee, RealizedPnl = a.RealizedPnl + realized, FeesPaid = a.FeesPaid + f.Fee },
            p with { Quantity = left, AveragePrice = left == 0 ? 0 : p.AveragePrice, RealizedPnl = p.RealizedPnl + realized, UpdatedAt = f.Time, LastLossAt = realized < 0 ? f.Time : p.LastLossAt,
                EntryDecisionId = left == 0 ? null : p.EntryDecisionId });
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
        };
        return etag is null ? new(TableTransactionActionType.Add, e) : new(TableTransactionActionType.UpdateReplace, e, etag.Value);
    }

    private static AccountState ToAccount(TableEntity e) =>
        new(TableKeys.ParseText(e.GetString("Cash")), TableKeys.ParseText(e.GetString("RealizedPnl")), TableKeys.ParseText(e.GetString("FeesPaid")));

    private static PositionState ToPosition(TableEntity e) =>
        new(e.GetString("MarketKey"), TableKeys.ParseText(e.GetString("Quantity")), TableKeys.ParseText(e.GetString("AveragePrice")),
            TableKeys.ParseText(e.GetString("RealizedPnl")), e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("LastLossAt"),
            e.GetString("EntryDecisionId"), TableKeys.ParseText(e.GetString("EntryRealizedPnl")));
}
