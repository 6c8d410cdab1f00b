using System.Text;
using Azure.Storage.Queues;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Testing;
using Lyra.Workflows.Application;
using Lyra.Workflows.Hosting;
using Lyra.Data.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Lyra.Data.Candles;
using Lyra.Storage.Queues;

namespace Lyra.Workflows.Tests;

/// <summary>The CollectMarketData work against Azurite, with the replay source and with the real Binance client on a fake server.</summary>
public sealed class CollectorTests
{
    private static async Task<ServiceProvider> ServicesAsync(TimeProvider clock, IDictionary<string, string?> settings, IMarketDataSource? source = null)
    {
        var config = await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName(), settings);
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddSingleton(clock);
        if (source is not null) services.AddSingleton(source);
        return services.AddLyraForTests(config).BuildServiceProvider();
    }

    private static async Task<List<MarketUpdate>> DrainAsync(QueueClient queue)
    {
        var list = new List<MarketUpdate>();
        foreach (var m in (await queue.ReceiveMessagesAsync(32)).Value) list.Add(MarketUpdate.Parse(m.Body.ToString()));
        return list;
    }

    [Fact]
    public async Task Collects_only_new_closed_candles_and_enqueues_one_update_per_market()
    {
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 50).Select(i => (decimal)i).ToList());
        var clock = new FakeTimeProvider(TestCandles.Start.AddMinutes(10.5)); // ten candles closed
        await using var sp = await ServicesAsync(clock, new Dictionary<string, string?>(), new ReplayMarketDataSource(candles, Timeframe.OneMinute));
        var collector = sp.GetRequiredService<MarketDataCollector>();
        var queue = sp.GetRequiredService<LyraQueues>().MarketUpdates;

        var first = Assert.Single(await collector.CollectAsync());
        Assert.Equal(("replay:BTCUSDT:1m", 10), (first.Market, first.NewCandles));
        clock.Advance(TimeSpan.FromMinutes(3));
        var second = Assert.Single(await collector.CollectAsync());
        Assert.Equal(3, second.NewCandles);
        var idle = Assert.Single(await collector.CollectAsync());
        Assert.Equal(0, idle.NewCandles);

        Assert.Equal(13, await sp.GetRequiredService<ICandleStore>().CountAsync(Market.Parse("replay:BTCUSDT:1m")));
        var updates = await DrainAsync(queue);
        Assert.EndsWith("-" + QueueNames.MarketUpdates, queue.Name, StringComparison.Ordinal);
        Assert.Equal(2, updates.Count);
        Assert.Equal((candles[0].OpenTime, candles[9].OpenTime, 10), (updates[0].From, updates[0].To, updates[0].Count));
        Assert.Equal((candles[10].OpenTime, candles[12].OpenTime, 3), (updates[1].From, updates[1].To, updates[1].Count));
    }

    [Fact]
    public async Task Collects_from_binance_klines_and_a_failing_market_does_not_stop_the_others()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        var candles = TestCandles.FromCloses(Enumerable.Range(1, 30).Select(i => 100m + i).ToList());
        binance.SetSeries("BTCUSDT", candles);
        var now = TestCandles.Start.AddMinutes(20.5);
        binance.NowMs = now.ToUnixTimeMilliseconds();
        await using var sp = await ServicesAsync(new FakeTimeProvider(now), new Dictionary<string, string?>
        {
            ["Lyra:MarketData:Source"] = "binance",
            ["Lyra:MarketData:BinanceBaseUrl"] = binance.BaseAddress.ToString(),
            ["Lyra:Collect:Markets:0"] = "binance:BTCUSDT:1m",
            ["Lyra:Collect:Markets:1"] = "binance:DOGEUSDT:1m",
            ["Lyra:Collect:MaxCandlesPerRun"] = "15",
        });

        var results = await sp.GetRequiredService<MarketDataCollector>().CollectAsync();

        Assert.Equal(2, results.Count);
        Assert.Equal(15, results[0].NewCandles); // the newest 15 of the 20 closed candles
        Assert.Equal(candles[19].OpenTime, results[0].Latest);
        Assert.Contains("Invalid symbol.", results[1].Error, StringComparison.Ordinal);
        var stored = await sp.GetRequiredService<ICandleStore>().GetRangeAsync(Market.Parse("binance:BTCUSDT:1m"), candles[0].OpenTime, candles[^1].OpenTime);
        Assert.Equal(candles.Skip(5).Take(15), stored);
        var update = Assert.Single(await DrainAsync(sp.GetRequiredService<LyraQueues>().MarketUpdates));
        Assert.Equal("binance:BTCUSDT:1m", update.Market);
    }

    [Fact]
    public async Task Queue_messages_are_base64_as_the_functions_queue_trigger_expects()
    {
        var candles = TestCandles.FromCloses([1m, 2m]);
        await using var sp = await ServicesAsync(new FakeTimeProvider(TestCandles.Start.AddMinutes(5)), new Dictionary<string, string?>(), new ReplayMarketDataSource(candles, Timeframe.OneMinute));
        await sp.GetRequiredService<MarketDataCollector>().CollectAsync();
        var raw = new QueueClient(await Azurite.GetConnectionStringAsync(), sp.GetRequiredService<LyraQueues>().MarketUpdates.Name); // no decoding
        var peeked = (await raw.PeekMessagesAsync(32)).Value;
        Assert.Contains(peeked, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString())).Contains("\"market\":\"replay:BTCUSDT:1m\"", StringComparison.Ordinal));
    }
}
