using Azure.Data.Tables;
using Lyra.Data.Markets;
using Lyra.Storage.Candles;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>The candle table against Azurite.</summary>
public sealed class CandleStoreTests
{
    private static async Task<CandleTableStore> NewStoreAsync(string? prefix = null, RequestCounter? counter = null)
    {
        var options = new TableClientOptions();
        if (counter is not null) options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        return new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync(), options), prefix ?? Azurite.UniqueName()));
    }

    [Fact]
    public async Task Upserts_in_batches_and_reads_back_in_time_order()
    {
        var store = await NewStoreAsync();
        var market = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 250).Select(i => 100m + (i * 0.01m)).ToList());
        // Written newest first on purpose: reads must still come back oldest first.
        Assert.Equal(250, await store.UpsertAsync(market, candles.Reverse().ToList()));

        var back = await store.GetRangeAsync(market, candles[0].OpenTime, candles[^1].OpenTime);
        Assert.Equal(candles, back);
        Assert.Equal(candles[^1].OpenTime, await store.GetLatestTimeAsync(market));
        Assert.Equal(candles[^1].Close, await store.GetLastCloseAsync(market));
        Assert.Equal(250, await store.CountAsync(market));
    }

    [Fact]
    public async Task Rewriting_the_same_candles_changes_nothing_and_markets_stay_apart()
    {
        var store = await NewStoreAsync();
        var btc = Market.Parse("binance:BTCUSDT:1m");
        var eth = Market.Parse("binance:ETHUSDT:1m");
        var candles = TestCandles.FromCloses([10m, 11m, 12m]);
        await store.UpsertAsync(btc, candles);
        await store.UpsertAsync(btc, candles);
        Assert.Equal(3, await store.CountAsync(btc));
        Assert.Equal(0, await store.CountAsync(eth));
        Assert.Null(await store.GetLatestTimeAsync(eth));
    }

    [Fact]
    public async Task Latest_marker_never_moves_back_when_older_candles_arrive()
    {
        var store = await NewStoreAsync();
        var m = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses([1m, 2m, 3m, 4m]);
        await store.UpsertAsync(m, candles.Skip(2).ToList());
        await store.UpsertAsync(m, candles.Take(2).ToList());
        Assert.Equal(candles[3].OpenTime, await store.GetLatestTimeAsync(m));
        Assert.Equal(4m, await store.GetLastCloseAsync(m));
    }

    [Fact]
    public async Task Window_returns_the_last_n_candles_up_to_the_end_time()
    {
        var store = await NewStoreAsync();
        var m = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 20).Select(i => (decimal)i).ToList());
        await store.UpsertAsync(m, candles);
        var window = await store.GetWindowAsync(m, candles[14].OpenTime, 5);
        Assert.Equal([11m, 12m, 13m, 14m, 15m], window.Select(c => c.Close));
    }

    [Fact]
    public async Task Windows_inside_the_recent_span_are_served_without_a_table_query()
    {
        var counter = new RequestCounter();
        var prefix = Azurite.UniqueName();
        var store = await NewStoreAsync(prefix, counter);
        var m = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 400).Select(i => (decimal)i).ToList());
        await store.UpsertAsync(m, candles.Take(300).ToList());
        await store.GetWindowAsync(m, candles[299].OpenTime, 120); // the first read loads the span from the table
        var queries = counter.Queries;

        // What the pipeline does per candle: append one, read windows ending at it. The table is never queried again.
        for (var i = 300; i < 400; i++)
        {
            await store.UpsertAsync(m, [candles[i]]);
            var window = await store.GetWindowAsync(m, candles[i].OpenTime, 120);
            Assert.Equal(candles.Skip(i - 119).Take(120).Select(c => c.Close), window.Select(c => c.Close));
            Assert.Equal(candles.Skip(i - 2).Take(3), await store.GetRangeAsync(m, candles[i - 2].OpenTime, candles[i].OpenTime));
        }

        Assert.Equal(queries, counter.Queries);
        // A fresh store (another process) reads the same from the table.
        var fresh = await NewStoreAsync(prefix);
        Assert.Equal(await store.GetWindowAsync(m, candles[350].OpenTime, 200), await fresh.GetWindowAsync(m, candles[350].OpenTime, 200));
    }

    [Fact]
    public async Task Candles_another_process_appended_are_read_from_the_table()
    {
        var prefix = Azurite.UniqueName();
        var mine = await NewStoreAsync(prefix);
        var other = await NewStoreAsync(prefix);
        var m = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 60).Select(i => (decimal)i).ToList());
        await mine.UpsertAsync(m, candles.Take(40).ToList());
        Assert.Equal(10, (await mine.GetWindowAsync(m, candles[39].OpenTime, 10)).Count);

        await other.UpsertAsync(m, candles.Skip(40).ToList());
        Assert.Equal(candles.Skip(50).Select(c => c.Close), (await mine.GetWindowAsync(m, candles[59].OpenTime, 10)).Select(c => c.Close));

        // This process writes next, after candles it never saw: nothing is skipped.
        var more = TestCandles.FromCloses(Enumerable.Range(1, 62).Select(i => (decimal)i).ToList());
        await mine.UpsertAsync(m, [more[60], more[61]]);
        Assert.Equal(more.Skip(52).Select(c => c.Close), (await mine.GetWindowAsync(m, more[61].OpenTime, 10)).Select(c => c.Close));
    }

    [Fact]
    public async Task A_hole_filled_later_shows_in_the_next_read()
    {
        var store = await NewStoreAsync();
        var m = Market.Parse("binance:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 10).Select(i => (decimal)i).ToList());
        await store.UpsertAsync(m, [.. candles.Take(4), .. candles.Skip(6)]);
        Assert.Equal(8, (await store.GetRangeAsync(m, candles[0].OpenTime, candles[9].OpenTime)).Count);
        await store.UpsertAsync(m, [candles[4], candles[5]]);
        Assert.Equal(candles, await store.GetRangeAsync(m, candles[0].OpenTime, candles[9].OpenTime));
    }
}
