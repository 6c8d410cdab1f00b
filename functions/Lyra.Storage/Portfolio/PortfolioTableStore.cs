using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Stops;
using Lyra.Storage.Persistence;
using Lyra.Storage.Tables;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Portfolio;

/// <summary>
/// The portfolio in one table partition: the <see cref="PortfolioBook"/> as one versioned document (<c>book</c>), one
/// marker row per booked fill (<c>fill|client id</c>) and one row per closed trade. A fill is booked in one transaction
/// that replaces the book under its ETag and inserts the fill's marker, so a fill is never booked twice and concurrent
/// fills retry instead of overwriting each other. Reading the portfolio is one point read however long the history.
/// Portfolios written before the book existed (<c>account</c>, <c>pos|market</c>, <c>peak</c>, <c>day|date</c> rows)
/// are read from those rows until the first change writes the book.
/// </summary>
public sealed class PortfolioTableStore(TableProvider tables, IOptions<PaperExchangeOptions> paper) : IPortfolioStore
{
    /// <summary>Schema version of the book document.</summary>
    public const int BookVersion = 1;

    private const string Partition = "portfolio";
    private const string BookRow = "book";

    /// <inheritdoc />
    public async Task<PortfolioBook> GetAsync(CancellationToken cancellationToken = default) =>
        (await ReadBookAsync(await TableAsync(cancellationToken), cancellationToken)).Book;

    /// <inheritdoc />
    public async Task<AppliedFill> ApplyFillAsync(Fill fill, FillOrigin? origin = null, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        return await OptimisticRetry.RunAsync(async () =>
        {
            var marker = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "fill|" + fill.ClientOrderId, cancellationToken: cancellationToken);
            var (book, etag) = await ReadBookAsync(table, cancellationToken);
            var booked = marker.HasValue ? Booked.From(marker.Value!) : null;
            if (booked is not null && (booked.Quantity is null || fill.Quantity <= booked.Quantity)) return new AppliedFill(book.Position(fill.MarketKey), ClosedFrom(marker.Value!, fill));

            // A fill is what the order has filled so far: only the part not booked yet is applied (a resting order's
            // partial fills, then its final fill or the reconciler's, each book their increment once).
            var increment = booked is null ? fill : booked.Increment(fill);
            var (next, applied) = book.Apply(increment, origin);
            var markerRow = new TableEntity(Partition, "fill|" + fill.ClientOrderId)
            {
                ["AppliedAt"] = fill.Time, ["Quantity"] = TableKeys.Text(fill.Quantity), ["Value"] = TableKeys.Text(fill.Quantity * fill.Price), ["Fee"] = TableKeys.Text(fill.Fee),
            };
            var actions = new List<TableTransactionAction> { WriteBook(next, etag) };
            if (applied.Closed is { } closed)
            {
                markerRow["ClosedEntry"] = closed.EntryDecisionId;
                markerRow["ClosedPnl"] = TableKeys.Text(closed.Pnl);
                markerRow["EntryPrice"] = TableKeys.Text(closed.EntryPrice);
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, "trade|" + TableKeys.Descending(fill.Time) + "|" + closed.EntryDecisionId)
                {
                    ["EntryDecisionId"] = closed.EntryDecisionId, ["MarketKey"] = closed.MarketKey, ["Pnl"] = TableKeys.Text(closed.Pnl),
                    ["EntryPrice"] = TableKeys.Text(closed.EntryPrice), ["ExitPrice"] = TableKeys.Text(closed.ExitPrice), ["ClosedAt"] = closed.ClosedAt,
                }));
            }
            else if (booked?.ClosedEntry is { } entry)
            {
                markerRow["ClosedEntry"] = entry;
                markerRow["ClosedPnl"] = marker.Value!.GetString("ClosedPnl");
                markerRow["EntryPrice"] = marker.Value!.GetString("EntryPrice");
            }

            if (booked is not null)
            {
                // Replaced under its ETag: two bookings of one increment cannot both pass.
                markerRow.ETag = marker.Value!.ETag;
                actions.Add(new(TableTransactionActionType.UpdateReplace, markerRow, marker.Value!.ETag));
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return applied;
            }

            actions.Add(new(TableTransactionActionType.Add, markerRow));
            // A lost race (the book changed, or this very fill was booked) fails the whole transaction and is read again.
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return applied;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> UpdateStopsAsync(string marketKey, string entryDecisionId, StopLevels levels, DateTimeOffset? checkedThrough, DateTimeOffset seen,
        CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        return await OptimisticRetry.RunAsync(async () =>
        {
            var (book, etag) = await ReadBookAsync(table, cancellationToken);
            if (book.WithStops(marketKey, entryDecisionId, levels, checkedThrough, seen) is not { } next) return false;
            await table.SubmitTransactionAsync([WriteBook(next, etag)], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PortfolioBook> RecordEquityAsync(decimal equity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        return await OptimisticRetry.RunAsync(async () =>
        {
            var (book, etag) = await ReadBookAsync(table, cancellationToken);
            var next = book.WithEquity(equity, now);
            if (next.PeakEquity == book.PeakEquity && next.DayStart == book.DayStart && etag is not null) return book;
            await table.SubmitTransactionAsync([WriteBook(next, etag)], cancellationToken);
            return next;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClosedTrade>> ListTradesAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var list = new List<ClosedTrade>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("trade|") >= 0 && x.RowKey.CompareTo("trade}") < 0, cancellationToken: cancellationToken))
        {
            list.Add(new ClosedTrade(e.GetString("EntryDecisionId"), e.GetString("MarketKey"), TableKeys.ParseText(e.GetString("Pnl")),
                TableKeys.ParseText(e.GetString("EntryPrice")), TableKeys.ParseText(e.GetString("ExitPrice")), e.GetDateTimeOffset("ClosedAt") ?? DateTimeOffset.UnixEpoch));
            if (list.Count >= limit) break;
        }

        return list;
    }

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(TableNames.Portfolio, ct);

    private async Task<(PortfolioBook Book, ETag? ETag)> ReadBookAsync(TableClient table, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, BookRow, cancellationToken: ct);
        if (row.HasValue && TableDocument.Read(row.Value!, BookVersion) is { } json)
        {
            return (PersistenceJson.Deserialize<PortfolioBook>(json, $"{table.Name}/{Partition}/{BookRow}"), row.Value!.ETag);
        }

        return (await ReadLegacyAsync(table, ct) ?? PortfolioBook.Empty(paper.Value.StartingCash), null);
    }

    private static TableTransactionAction WriteBook(PortfolioBook book, ETag? etag)
    {
        var e = new TableEntity(Partition, BookRow);
        TableDocument.Write(e, PersistenceJson.Serialize(book), BookVersion);
        return OptimisticRetry.Write(e, etag);
    }

    private static ClosedTrade? ClosedFrom(TableEntity marker, Fill fill) =>
        marker.GetString("ClosedEntry") is { } entry
            ? new ClosedTrade(entry, fill.MarketKey, TableKeys.ParseText(marker.GetString("ClosedPnl")), TableKeys.ParseText(marker.GetString("EntryPrice")), fill.Price, fill.Time)
            : null;

    // The layout before the book document: one row for the account, one per position, the peak and one per day.
    private static async Task<PortfolioBook?> ReadLegacyAsync(TableClient table, CancellationToken ct)
    {
        var account = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "account", cancellationToken: ct);
        if (!account.HasValue) return null;
        var a = account.Value!;
        var positions = new Dictionary<string, PositionState>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("pos|") >= 0 && x.RowKey.CompareTo("pos}") < 0, cancellationToken: ct))
        {
            var p = LegacyPosition(e);
            positions[p.MarketKey] = p;
        }

        EquityMark? day = null;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("day|") >= 0 && x.RowKey.CompareTo("day}") < 0, cancellationToken: ct))
        {
            var d = DateOnly.ParseExact(e.RowKey["day|".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (day is null || d > day.Day) day = new EquityMark(d, TableKeys.ParseText(e.GetString("Equity")));
        }

        var peak = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "peak", cancellationToken: ct);
        return new PortfolioBook(
            new AccountState(TableKeys.ParseText(a.GetString("Cash")), TableKeys.ParseText(a.GetString("RealizedPnl")), TableKeys.ParseText(a.GetString("FeesPaid"))),
            positions, peak.HasValue ? TableKeys.ParseText(peak.Value!.GetString("Equity")) : 0, day);
    }

    private static PositionState LegacyPosition(TableEntity e) =>
        new(e.GetString("MarketKey"), TableKeys.ParseText(e.GetString("Quantity")), TableKeys.ParseText(e.GetString("AveragePrice")),
            TableKeys.ParseText(e.GetString("RealizedPnl")), e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("LastLossAt"),
            e.GetString("EntryDecisionId"), TableKeys.ParseText(e.GetString("EntryRealizedPnl")),
            e.GetString("StopMethod") is { } method
                ? new StopLevels(TableKeys.ParseText(e.GetString("Stop")), TableKeys.ParseText(e.GetString("InitialStop")),
                    e.GetString("TakeProfit") is { } tp ? TableKeys.ParseText(tp) : null, TableKeys.ParseText(e.GetString("TrailingDistance")),
                    TableKeys.ParseText(e.GetString("Highest")), method)
                : null,
            e.GetDateTimeOffset("CheckedThrough"), e.GetDateTimeOffset("MonitorSeen"));

    // What a fill marker says was booked under one client id. Markers written before partial fills were booked hold no
    // quantity: their order was booked whole.
    private sealed record Booked(decimal? Quantity, decimal Value, decimal Fee, string? ClosedEntry)
    {
        public static Booked From(TableEntity marker) => new(
            marker.GetString("Quantity") is { } q ? TableKeys.ParseText(q) : null,
            TableKeys.ParseText(marker.GetString("Value") ?? "0"), TableKeys.ParseText(marker.GetString("Fee") ?? "0"), marker.GetString("ClosedEntry"));

        public Fill Increment(Fill fill)
        {
            var quantity = fill.Quantity - Quantity!.Value;
            var price = Math.Round(((fill.Quantity * fill.Price) - Value) / quantity, 8);
            return fill with { Quantity = quantity, Price = price > 0 ? price : fill.Price, Fee = Math.Max(0, fill.Fee - Fee) };
        }
    }
}
