using Azure.Data.Tables;
using Lyra.Core.Trading;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Stops;
using Lyra.Storage.Portfolio;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Tests;

/// <summary>The portfolio book against Azurite: fills booked exactly once, including concurrent writers; stops and equity marks.</summary>
public sealed class PortfolioStoreTests
{
    private const string Market = "replay:BTCUSDT:1m";

    private static async Task<PortfolioTableStore> NewStoreAsync(string? prefix = null) =>
        new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), prefix ?? Azurite.UniqueName()), Options.Create(new PaperExchangeOptions()));

    private static Fill Fill(string id, TradeAction side, decimal qty, decimal price, decimal fee = 0.1m) =>
        new(id, Market, side, qty, price, fee, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Applying_the_same_fill_twice_changes_the_portfolio_once()
    {
        var store = await NewStoreAsync();
        var fill = Fill("c1", TradeAction.Buy, 2m, 100m);
        await store.ApplyFillAsync(fill);
        var again = await store.ApplyFillAsync(fill);
        Assert.Equal(2m, again.Position.Quantity);
        Assert.Equal(10_000m - 200m - 0.1m, (await store.GetAsync()).Account.Cash);
    }

    [Fact]
    public async Task A_growing_fill_books_only_its_increment_once()
    {
        // A resting order fills 1 at 100, then 3 in all at an average of 102 (2 more at 103); the reconciler then books the
        // whole order again: the portfolio holds 3 at 102, paid 306 plus the fees, once.
        var store = await NewStoreAsync();
        await store.ApplyFillAsync(Fill("rest", TradeAction.Buy, 1m, 100m, 0.1m));
        await store.ApplyFillAsync(Fill("rest", TradeAction.Buy, 1m, 100m, 0.1m));
        var grown = await store.ApplyFillAsync(Fill("rest", TradeAction.Buy, 3m, 102m, 0.3m));
        Assert.Equal((3m, 102m), (grown.Position.Quantity, grown.Position.AveragePrice));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.ApplyFillAsync(Fill("rest", TradeAction.Buy, 3m, 102m, 0.3m)))));
        await store.ApplyFillAsync(Fill("rest", TradeAction.Buy, 2m, 101m, 0.2m)); // an older, smaller statement changes nothing
        var book = await store.GetAsync();
        Assert.Equal(3m, book.Position(Market).Quantity);
        Assert.Equal((10_000m - 306m - 0.3m, 0.3m), (book.Account.Cash, book.Account.FeesPaid));
    }

    [Fact]
    public async Task Concurrent_fills_all_count_exactly_once()
    {
        var store = await NewStoreAsync();
        var fills = Enumerable.Range(0, 12).Select(i => Fill("p" + i, TradeAction.Buy, 1m, 100m + i)).ToList();
        // Each fill twice, all at once: 24 writers racing on one book.
        await Task.WhenAll(fills.Concat(fills).Select(f => Task.Run(() => store.ApplyFillAsync(f))));
        var book = await store.GetAsync();
        var pos = Assert.Single(book.Open);
        Assert.Equal(12m, pos.Quantity);
        // The running average is rounded to 10 decimals per fill, so the order of fills shows in the 10th decimal.
        Assert.InRange(pos.AveragePrice, fills.Average(f => f.Price) - 0.000000001m, fills.Average(f => f.Price) + 0.000000001m);
        Assert.Equal(10_000m - fills.Sum(f => f.Price) - 1.2m, book.Account.Cash);
        Assert.Equal(1.2m, book.Account.FeesPaid);
    }

    [Fact]
    public async Task A_closing_fill_reports_its_trade_also_when_booked_again()
    {
        var store = await NewStoreAsync();
        var plan = new StopPlan("fixed", 5m, 10m, Trailing: false, "test");
        await store.ApplyFillAsync(Fill("in", TradeAction.Buy, 1m, 100m, 0m), new FillOrigin("entry-1", DateTimeOffset.UnixEpoch, plan));
        Assert.Equal(95m, (await store.GetAsync()).Position(Market).Stops!.Stop);

        var exit = Fill("out", TradeAction.Sell, 1m, 110m, 0m);
        var closed = (await store.ApplyFillAsync(exit)).Closed;
        Assert.Equal(new ClosedTrade("entry-1", Market, 10m, 100m, 110m, DateTimeOffset.UnixEpoch), closed);
        Assert.Equal(closed, (await store.ApplyFillAsync(exit)).Closed);
        Assert.Equal(closed, Assert.Single(await store.ListTradesAsync(10)));
        Assert.Null((await store.GetAsync()).Position(Market).Stops);
    }

    [Fact]
    public async Task Stops_move_only_for_the_position_they_belong_to()
    {
        var store = await NewStoreAsync();
        await store.ApplyFillAsync(Fill("in", TradeAction.Buy, 1m, 100m, 0m), new FillOrigin("entry-1", DateTimeOffset.UnixEpoch, new StopPlan("fixed", 5m, 0m, true, "test")));
        var moved = new StopLevels(97m, 95m, null, 5m, 102m, "fixed");
        var seen = DateTimeOffset.UnixEpoch.AddMinutes(3);
        Assert.True(await store.UpdateStopsAsync(Market, "entry-1", moved, seen, seen));
        Assert.False(await store.UpdateStopsAsync(Market, "someone-else", moved with { Stop = 1m }, seen, seen));
        var p = (await store.GetAsync()).Position(Market);
        Assert.Equal((moved, seen), (p.Stops, p.CheckedThrough));
    }

    [Fact]
    public async Task Equity_marks_keep_the_peak_and_the_first_equity_of_each_day()
    {
        var store = await NewStoreAsync();
        var day1 = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        await store.RecordEquityAsync(10_500m, day1);
        await store.RecordEquityAsync(9_000m, day1.AddHours(2));
        var book = await store.RecordEquityAsync(9_800m, day1.AddDays(1));
        Assert.Equal(10_500m, book.PeakEquity);
        Assert.Equal(new EquityMark(new DateOnly(2026, 1, 2), 9_800m), book.DayStart);
        var read = await store.GetAsync();
        Assert.Equal((book.PeakEquity, book.DayStart), (read.PeakEquity, read.DayStart));
    }
}
