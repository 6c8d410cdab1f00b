using Azure.Data.Tables;
using Lyra.Data.Markets;
using Lyra.Data.Storage;
using Lyra.Testing;

namespace Lyra.Data.Tests;

/// <summary>The candle table against Azurite.</summary>
public sealed class CandleStoreTests
{
    private static async Task<CandleStore> NewStoreAsync() =>
        new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()));

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
}
