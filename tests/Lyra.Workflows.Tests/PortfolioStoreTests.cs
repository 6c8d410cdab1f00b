using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Workflows.Storage;

namespace Lyra.Workflows.Tests;

/// <summary>Exactly-once fill application against Azurite, including concurrent writers.</summary>
public sealed class PortfolioStoreTests
{
    private static OrderResult Fill(string id, TradeAction side, decimal qty, decimal price, decimal fee = 0.1m) =>
        new(id, "x-" + id, "replay:BTCUSDT:1m", side, OrderStatus.Filled, qty, qty, price, fee, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Applying_the_same_fill_twice_changes_the_portfolio_once()
    {
        await using var h = await FlowHarness.StartAsync();
        var store = h.Get<PortfolioStore>();
        var fill = Fill("c1", TradeAction.Buy, 2m, 100m);
        await store.ApplyFillAsync(fill);
        var again = await store.ApplyFillAsync(fill);
        Assert.Equal(2m, again.Position.Quantity);
        Assert.Equal(10_000m - 200m - 0.1m, (await store.GetAccountAsync()).Cash);
    }

    [Fact]
    public async Task Concurrent_fills_all_count_exactly_once()
    {
        await using var h = await FlowHarness.StartAsync();
        var store = h.Get<PortfolioStore>();
        var fills = Enumerable.Range(0, 12).Select(i => Fill("p" + i, TradeAction.Buy, 1m, 100m + i)).ToList();
        // Each fill twice, all at once: 24 writers racing on one account row.
        await Task.WhenAll(fills.Concat(fills).Select(f => Task.Run(() => store.ApplyFillAsync(f))));
        var pos = Assert.Single(await store.ListPositionsAsync());
        Assert.Equal(12m, pos.Quantity);
        // The running average is rounded to 10 decimals per fill, so the order of fills shows in the 10th decimal.
        Assert.InRange(pos.AveragePrice, fills.Average(f => f.AveragePrice) - 0.000000001m, fills.Average(f => f.AveragePrice) + 0.000000001m);
        var account = await store.GetAccountAsync();
        Assert.Equal(10_000m - fills.Sum(f => f.AveragePrice) - 1.2m, account.Cash);
        Assert.Equal(1.2m, account.FeesPaid);
    }
}
