using System.Globalization;
using Azure.Data.Tables;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Candles;

/// <summary>
/// Candles in Azure Tables, one partition per market and period (<c>market|yyyy-MM-dd</c> below an hour,
/// <c>market|yyyy-MM</c> below a day, <c>market|yyyy</c> otherwise), RowKey = zero-padded epoch ms: a window is a read of
/// one or two partitions in time order, and no partition grows past a few thousand rows however long the history (a
/// write or a point read costs what its partition holds on the emulator, and a partition's throughput is bounded on
/// Azure). The newest candle of every market is in the small <c>~latest</c> partition. Writes go in transactions of 100.
/// Closed candles never change, so the recent ones are also kept in memory (<see cref="RecentCandles"/>): the windows
/// every candle's signals, context, sizing and stop checks read are served without a table query. Series written before
/// the periods existed (one partition per market with its own <c>~latest</c> row) are still read.
/// </summary>
public sealed class CandleTableStore(TableProvider tables) : ICandleStore
{
    private const string LatestPartition = "~latest";
    private const string LegacyLatestRow = "~latest";
    private const int BatchSize = 100; // the Table service's limit per transaction
    private readonly RecentCandles _recent = new();

    /// <inheritdoc />
    public async Task<int> UpsertAsync(Market market, IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default) =>
        candles.Count == 0 ? 0 : await AppendAsync(market, candles, await GetLatestTimeAsync(market, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<int> AppendAsync(Market market, IReadOnlyList<Candle> candles, DateTimeOffset? latestBefore, CancellationToken cancellationToken = default)
    {
        if (candles.Count == 0) return 0;
        var table = await TableAsync(cancellationToken);
        var newest = candles[0];
        foreach (var c in candles) if (c.OpenTime > newest.OpenTime) newest = c;
        var previous = latestBefore;

        foreach (var partition in candles.GroupBy(c => Partition(market, c.OpenTime), StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(BatchSize))
            {
                await table.SubmitTransactionAsync(chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(market, c))), cancellationToken);
            }
        }

        // Written after the candles, so it never points past a candle that was not stored.
        if (previous is null || newest.OpenTime > previous)
        {
            await table.UpsertEntityAsync(new TableEntity(LatestPartition, market.Key) { ["OpenTime"] = newest.OpenTime, ["Close"] = TableKeys.Text(newest.Close) },
                TableUpdateMode.Replace, cancellationToken);
        }

        _recent.Written(market.Key, candles, previous);
        return candles.Count;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLatestTimeAsync(Market market, CancellationToken cancellationToken = default) =>
        (await LatestAsync(market, cancellationToken))?.GetDateTimeOffset("OpenTime");

    /// <inheritdoc />
    public async Task<decimal?> GetLastCloseAsync(Market market, CancellationToken cancellationToken = default) =>
        (await LatestAsync(market, cancellationToken))?.GetString("Close") is { } close ? TableKeys.ParseText(close) : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetRangeAsync(Market market, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (to < from) return [];
        if (_recent.TryGet(market.Key, from, to) is { } cached) return cached;
        var list = await QueryAsync(market, from, to, cancellationToken);
        _recent.Loaded(market.Key, from, to, list);
        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetWindowAsync(Market market, DateTimeOffset end, int count, CancellationToken cancellationToken = default)
    {
        var all = await GetRangeAsync(market, end - (market.Timeframe.Duration * (count - 1)), end, cancellationToken);
        return all.Count <= count ? all : all.Skip(all.Count - count).ToList();
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(Market market, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var (lo, hi) = (market.Key, market.Key + "|~");
        var n = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey.CompareTo(lo) >= 0 && x.PartitionKey.CompareTo(hi) < 0 && x.RowKey.CompareTo("~") < 0,
            select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (e.PartitionKey == market.Key || e.PartitionKey.StartsWith(market.Key + "|", StringComparison.Ordinal)) n++;
        }

        return n;
    }

    /// <summary>The partition of <paramref name="market"/>'s candle at <paramref name="time"/>.</summary>
    internal static string Partition(Market market, DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        var period = market.Timeframe.Duration < TimeSpan.FromHours(1) ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : market.Timeframe.Duration < TimeSpan.FromDays(1) ? t.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : t.ToString("yyyy", CultureInfo.InvariantCulture);
        return market.Key + "|" + period;
    }

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(TableNames.Candles, ct);

    private async Task<TableEntity?> LatestAsync(Market market, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LatestPartition, market.Key, cancellationToken: ct);
        if (row.HasValue) return row.Value;
        var legacy = await table.GetEntityIfExistsAsync<TableEntity>(market.Key, LegacyLatestRow, cancellationToken: ct);
        return legacy.HasValue ? legacy.Value : null;
    }

    private async Task<List<Candle>> QueryAsync(Market market, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var lo = TableKeys.Ascending(from);
        var hi = TableKeys.Ascending(to);
        var partitions = new List<string>();
        for (var t = from; ; t = Next(market, t))
        {
            var p = Partition(market, t);
            if (partitions.Count == 0 || partitions[^1] != p) partitions.Add(p);
            if (Partition(market, to) == p) break;
        }

        // The layout before periods: the whole series in one partition named after the market.
        if ((await table.GetEntityIfExistsAsync<TableEntity>(market.Key, LegacyLatestRow, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            partitions.Insert(0, market.Key);
        }

        var list = new List<Candle>();
        foreach (var pk in partitions)
        {
            await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo(lo) >= 0 && x.RowKey.CompareTo(hi) <= 0, cancellationToken: cancellationToken))
            {
                list.Add(FromEntity(e));
            }
        }

        if (partitions.Count > 1 && partitions[0] == market.Key)
        {
            // A series written partly before and partly after the change: one candle once, in time order.
            list = [.. list.GroupBy(c => c.OpenTime).Select(g => g.Last()).OrderBy(c => c.OpenTime)];
        }

        return list;
    }

    // The first time in the period after the one holding t.
    private static DateTimeOffset Next(Market market, DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        var next = market.Timeframe.Duration < TimeSpan.FromHours(1) ? u.Date.AddDays(1)
            : market.Timeframe.Duration < TimeSpan.FromDays(1) ? new DateTime(u.Year, u.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)
            : new DateTime(u.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new DateTimeOffset(next);
    }

    /// <summary>The entity of one candle.</summary>
    internal static TableEntity ToEntity(Market market, Candle c) => new(Partition(market, c.OpenTime), TableKeys.Ascending(c.OpenTime))
    {
        ["OpenTime"] = c.OpenTime,
        ["Open"] = TableKeys.Text(c.Open),
        ["High"] = TableKeys.Text(c.High),
        ["Low"] = TableKeys.Text(c.Low),
        ["Close"] = TableKeys.Text(c.Close),
        ["Volume"] = TableKeys.Text(c.Volume),
    };

    private static Candle FromEntity(TableEntity e) => new(
        TableKeys.FromAscending(e.RowKey),
        TableKeys.ParseText(e.GetString("Open")), TableKeys.ParseText(e.GetString("High")), TableKeys.ParseText(e.GetString("Low")),
        TableKeys.ParseText(e.GetString("Close")), TableKeys.ParseText(e.GetString("Volume")));
}
