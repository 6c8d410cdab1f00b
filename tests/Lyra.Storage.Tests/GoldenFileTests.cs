using Azure.Data.Tables;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Portfolio;
using Lyra.Storage.Ai;
using Lyra.Storage.Backup;
using Lyra.Storage.Candles;
using Lyra.Storage.Journals;
using Lyra.Storage.Orders;
using Lyra.Storage.Portfolio;
using Lyra.Storage.Signals;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Tests;

/// <summary>
/// Tables written by the previous storage layout (golden files: a 700-candle replay at commit 5dc6ba0, before the
/// portfolio book, versioned documents and counters existed) restore and read back through today's stores, and take
/// new writes on top.
/// </summary>
public sealed class GoldenFileTests
{
    private const string Market = "replay:BTCUSDT:1m";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden", "v0");

    private static async Task<TableProvider> RestoredAsync()
    {
        var tables = new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName());
        await new TableBackup(tables, TimeProvider.System).RestoreAsync(Folder);
        return tables;
    }

    [Fact]
    public async Task Positions_and_the_account_of_the_old_layout_read_as_the_book()
    {
        var tables = await RestoredAsync();
        var book = await new PortfolioTableStore(tables, Options.Create(new PaperExchangeOptions())).GetAsync();
        Assert.Equal(new AccountState(8996.70090104550m, -3.29523259735m, 9.00735347m), book.Account);
        var p = book.Position(Market);
        Assert.Equal((0.03363m, 29735.470305m, "tf-6572e94b95c59758d8a656cf"), (p.Quantity, p.AveragePrice, p.EntryDecisionId));
        Assert.Equal(29765.6127256704m, p.Stops!.Stop);
        Assert.Equal(29994.6648536592m, p.Stops.TakeProfit);
        Assert.Equal(10001.65627231265m, book.PeakEquity);
        Assert.Equal(new EquityMark(new DateOnly(2024, 1, 1), 10000m), book.DayStart);
        Assert.Equal(4, (await new PortfolioTableStore(tables, Options.Create(new PaperExchangeOptions())).ListTradesAsync(100)).Count); // the fifth entry is still open
    }

    [Fact]
    public async Task A_new_fill_on_an_old_portfolio_starts_from_its_rows_and_old_fills_stay_booked_once()
    {
        var tables = await RestoredAsync();
        var store = new PortfolioTableStore(tables, Options.Create(new PaperExchangeOptions()));
        var sell = new Fill("golden-exit", Market, TradeAction.Sell, 0.03363m, 29800m, 1m, new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var applied = await store.ApplyFillAsync(sell);
        Assert.Equal(0m, applied.Position.Quantity);
        Assert.Equal("tf-6572e94b95c59758d8a656cf", applied.Closed!.EntryDecisionId);
        Assert.Equal(8996.70090104550m + (0.03363m * 29800m) - 1m, (await store.GetAsync()).Account.Cash);

        // A fill the old layout booked (its marker row exists) is not booked again.
        var old = new Fill("ly06c281be541ecc333cdfcf767a079a", Market, TradeAction.Sell, 0.0334m, 30000m, 1m, DateTimeOffset.UnixEpoch);
        var before = (await store.GetAsync()).Account;
        Assert.Equal("tf-434ea2325932167f5ad141f7", (await store.ApplyFillAsync(old)).Closed!.EntryDecisionId);
        Assert.Equal(before, (await store.GetAsync()).Account);
    }

    [Fact]
    public async Task Old_journals_read_count_and_verify_and_new_ones_chain_onto_them()
    {
        var tables = await RestoredAsync();
        var journals = new JournalTableStore<DecisionJournal>(tables);
        var entry = (await journals.GetAsync("tf-6572e94b95c59758d8a656cf"))!;
        Assert.Equal((DecisionStatus.Executed, TradeAction.Buy, 3), (entry.Status, entry.Signal.Action, entry.Votes.Count));
        Assert.Equal((0.03363m, 29735.470305m), (entry.Order!.FilledQuantity, entry.Order.AveragePrice));
        Assert.NotNull(entry.Consensus);
        Assert.NotNull(entry.Risk?.Stops);

        var counts = await journals.CountByStateAsync([Market]);
        Assert.Equal((9L, 18L), (counts["executed"], counts["rejected"]));
        var newest = await journals.ListAsync(new Core.Journals.JournalQuery(Market, Limit: 5));
        Assert.Equal(5, newest.Count);
        Assert.True(newest.Zip(newest.Skip(1)).All(x => x.First.Signal.CandleTime >= x.Second.Signal.CandleTime));
        var chain = await journals.VerifyAsync();
        Assert.True(chain.Intact, chain.Reason);
        Assert.Equal(27, chain.Entries);

        var next = entry with
        {
            Id = "tf-golden-next", Signal = entry.Signal with { SignalId = "tf-golden-next", CandleTime = entry.Signal.CandleTime.AddMinutes(30) },
            Status = DecisionStatus.Rejected, Reasons = ["consensus_hold"], Order = null, Position = null,
        };
        await journals.SaveAsync(next);
        Assert.Equal(19L, (await journals.CountByStateAsync([Market]))["rejected"]);
        Assert.Equal("tf-golden-next", (await journals.ListAsync(new Core.Journals.JournalQuery(Market, Limit: 1)))[0].Id);
        Assert.Equal((true, 28), ((await journals.VerifyAsync()).Intact, (await journals.VerifyAsync()).Entries));
    }

    [Fact]
    public async Task Old_orders_signals_voter_statistics_and_candles_read_back()
    {
        var tables = await RestoredAsync();
        var orders = await new OrderTableStore(tables).ListAsync(Market, 100);
        Assert.Equal(9, orders.Count);
        var newest = orders[0];
        Assert.Equal(("lya12b832415fa92f2a2a874d7c05fe3", TradeAction.Buy, Exchanges.Orders.OrderStatus.Filled, 0.03363m, 29735.470305m, 1.00000387m),
            (newest.ClientOrderId, newest.Side, newest.Status, newest.FilledQuantity, newest.AveragePrice, newest.Fee));
        Assert.Equal(9L, await new OrderTableStore(tables).CountAsync([Market]));

        var signals = new SignalTableStore(tables);
        Assert.Equal(25L, await signals.CountAsync([Market]));
        Assert.Equal(25, (await signals.ListAsync(Market, 100)).Count);

        var voters = await new VoterPerformanceTableStore(tables).GetAllAsync();
        Assert.Equal((25L, 4L, 4L), (voters["trend"].Calls, voters["trend"].ScoredTrades, voters["trend"].Hits));
        await new VoterPerformanceTableStore(tables).RecordVotesAsync("tf-golden-next", [new Vote("trend", TradeAction.Buy, 0.5, "1h", "new")]);
        Assert.Equal(26L, (await new VoterPerformanceTableStore(tables).GetAllAsync())["trend"].Calls);

        var candles = new CandleTableStore(tables);
        var m = Data.Markets.Market.Parse(Market);
        var latest = (await candles.GetLatestTimeAsync(m))!.Value;
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 11, 39, 0, TimeSpan.Zero), latest);
        Assert.Equal(120, (await candles.GetWindowAsync(m, latest, 120)).Count);
    }
}
