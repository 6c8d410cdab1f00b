using Azure.Data.Tables;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Candles;

/// <summary>
/// Candles in Azure Tables: one partition per market (<see cref="Market.Key"/>), RowKey = zero-padded epoch ms, so a
/// market's series is one partition read in time order. Writes go in transactions of 100; a <c>~latest</c> row in the
/// same partition records the newest stored candle. Closed candles never change, so the recent ones are also kept in
/// memory (<see cref="RecentCandles"/>): the windows every candle's signals, context, sizing and stop checks read are
/// served without a table query, however long the history grows.
/// </summary>
public sealed class CandleTableStore(TableProvider tables) : ICandleStore
{
    private const string LatestRowKey = "~latest";
    private const int BatchSize = 100; // the Table service's limit per transaction
    private readonly RecentCandles _recent = new();

    /// <inheritdoc />
    public async Task<int> UpsertAsync(Market market, IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default)
    {
        if (candles.Count == 0) return 0;
        var table = await tables.GetAsync(TableNames.Candles, cancellationToken);
        var newest = candles[0];
        foreach (var c in candles) if (c.OpenTime > newest.OpenTime) newest = c;
        var latest = newest.OpenTime;
        var previous = await GetLatestTimeAsync(market, cancellationToken);

        for (var start = 0; start < candles.Count; start += BatchSize)
        {
            var end = Math.Min(candles.Count, start + BatchSize);
            var batch = new List<TableTransactionAction>(end - start + 1);
            for (var i = start; i < end; i++) batch.Add(new(TableTransactionActionType.UpsertReplace, ToEntity(market, candles[i])));
            // The marker rides in the last transaction, so it never points past candles that were not written.
            if (end == candles.Count && (previous is null || latest > previous))
            {
                if (batch.Count == BatchSize) { await table.SubmitTransactionAsync(batch, cancellationToken); batch.Clear(); }
                batch.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(market.Key, LatestRowKey) { ["OpenTime"] = latest, ["Close"] = TableKeys.Text(newest.Close) }));
            }

            if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken);
        }

        _recent.Written(market.Key, candles, previous);
        return candles.Count;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLatestTimeAsync(Market market, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Candles, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(market.Key, LatestRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("OpenTime") : null;
    }

    /// <inheritdoc />
    public async Task<decimal?> GetLastCloseAsync(Market market, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Candles, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(market.Key, LatestRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("Close") is { } close ? TableKeys.ParseText(close) : null;
    }

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
        var table = await tables.GetAsync(TableNames.Candles, cancellationToken);
        var pk = market.Key;
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo("~") < 0, select: ["RowKey"], cancellationToken: cancellationToken)) n++;
        return n;
    }

    private async Task<List<Candle>> QueryAsync(Market market, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Candles, cancellationToken);
        var pk = market.Key;
        var lo = TableKeys.Ascending(from);
        var hi = TableKeys.Ascending(to);
        var list = new List<Candle>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo(lo) >= 0 && x.RowKey.CompareTo(hi) <= 0, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    /// <summary>The entity of one candle (also the backup's row layout).</summary>
    internal static TableEntity ToEntity(Market market, Candle c) => new(market.Key, TableKeys.Ascending(c.OpenTime))
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
