using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Storage.Journals;
using Lyra.Storage.Orders;
using Lyra.Storage.Signals;
using Lyra.Storage.Tables;
using Lyra.Strategies.Signals;
using Lyra.Testing;
using static Lyra.Storage.Tests.JournalChainConcurrencyTests;

namespace Lyra.Storage.Tests;

/// <summary>
/// What <c>/api/status</c> counts (signals, orders, decisions by state) costs the same number of storage requests
/// whatever the history: counters, not scans.
/// </summary>
public sealed class CountCostTests
{
    private static readonly string[] Markets = ["replay:BTCUSDT:1m", "replay:ETHUSDT:1m"];
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TableProvider Tables(string connection, string prefix, RequestCounter? counter = null)
    {
        var options = new TableClientOptions();
        if (counter is not null) options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        return new TableProvider(new TableServiceClient(connection, options), prefix);
    }

    private static async Task<(int Requests, long Signals, long Orders, long Done)> CountAfterAsync(int history)
    {
        var connection = await Azurite.GetConnectionStringAsync();
        var prefix = Azurite.UniqueName();
        var writing = Tables(connection, prefix);
        for (var i = 0; i < history; i++)
        {
            var market = Markets[i % 2];
            var at = T0.AddMinutes(i);
            await new SignalTableStore(writing).SaveAsync(new Signal("sma-cross", market, at, TradeAction.Buy, 100m, "test"));
            await new OrderTableStore(writing).SaveAsync(new OrderResult($"c{i}", $"x{i}", market, TradeAction.Buy, OrderStatus.Filled, 1m, 1m, 100m, 0.1m, at), at, $"d{i}");
            await new JournalTableStore<Note>(writing).SaveAsync(new Note($"d{i}", market, at, i % 3 == 0));
        }

        var counter = new RequestCounter();
        var reading = Tables(connection, prefix, counter);
        await reading.GetAsync(TableNames.Signals); // table creation is not what is measured
        await reading.GetAsync(TableNames.Orders);
        await reading.GetAsync("notes");
        var before = counter.All;
        var signals = await new SignalTableStore(reading).CountAsync(Markets);
        var orders = await new OrderTableStore(reading).CountAsync(Markets);
        var states = await new JournalTableStore<Note>(reading).CountByStateAsync(Markets);
        return (counter.All - before, signals, orders, states.GetValueOrDefault("done"));
    }

    [Fact]
    public async Task Counting_costs_the_same_for_4_and_60_entries_and_counts_right()
    {
        var small = await CountAfterAsync(4);
        var large = await CountAfterAsync(60);
        Assert.Equal((4L, 4L, 2L), (small.Signals, small.Orders, small.Done));
        Assert.Equal((60L, 60L, 20L), (large.Signals, large.Orders, large.Done));
        Assert.Equal(small.Requests, large.Requests);
        Assert.Equal(0, large.Requests % Markets.Length); // one read per market and kind
    }
}
