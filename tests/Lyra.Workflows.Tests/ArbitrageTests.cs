using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Risk.Portfolio;
using Lyra.Testing;
using Lyra.Testing.Venues;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;

namespace Lyra.Workflows.Tests;

/// <summary>Cross-exchange arbitrage on the real durable engine between the Gate.io and WhiteBIT fakes.</summary>
public sealed class ArbitrageTests
{
    private static readonly Market Gate = Market.Parse("gateio:BTC_USDT:1m");
    private static readonly Market WhiteBit = Market.Parse("whitebit:BTC_USDT:1m");

    private static Dictionary<string, string?> Settings(FakeGateIoServer gate, FakeWhiteBitServer whitebit) => new()
    {
        ["Lyra:Trading:Exchange"] = "live",
        ["Lyra:Collect:Markets:0"] = Gate.Key,
        ["Lyra:Collect:Markets:1"] = WhiteBit.Key,
        ["Lyra:Exchanges:gateio:Enabled"] = "true",
        ["Lyra:Exchanges:gateio:BaseUrl"] = gate.BaseAddress.ToString(),
        ["Lyra:Exchanges:gateio:ApiKey"] = FakeGateIoServer.ApiKey,
        ["Lyra:Exchanges:gateio:ApiSecret"] = FakeGateIoServer.ApiSecret,
        ["Lyra:Exchanges:whitebit:Enabled"] = "true",
        ["Lyra:Exchanges:whitebit:BaseUrl"] = whitebit.BaseAddress.ToString(),
        ["Lyra:Exchanges:whitebit:ApiKey"] = FakeWhiteBitServer.ApiKey,
        ["Lyra:Exchanges:whitebit:ApiSecret"] = FakeWhiteBitServer.ApiSecret,
        ["Lyra:Exchanges:Orders:LookupGrace"] = "00:00:00.05",
        ["Lyra:Exchanges:Orders:InFlightWindow"] = "00:00:00.6",
        ["Lyra:Exchanges:Orders:PollInterval"] = "00:00:00.02",
        ["Lyra:Risk:Stops:Method"] = "none",
        ["Lyra:Risk:QuantityStep"] = "0.000001",
    };

    private sealed record Venues(FakeGateIoServer Gate, FakeWhiteBitServer WhiteBit, FlowHarness Harness) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            await Gate.DisposeAsync();
            await WhiteBit.DisposeAsync();
        }
    }

    // Gate.io asks 50,001; WhiteBIT bids what the test says; 0.01 BTC is held on WhiteBIT (in its account and in the book).
    private static async Task<Venues> StartAsync(decimal whitebitBid)
    {
        var gate = await FakeGateIoServer.StartAsync();
        var whitebit = await FakeWhiteBitServer.StartAsync();
        whitebit.Bid = whitebitBid;
        whitebit.SetBalance("BTC", 0.01m);
        var h = await FlowHarness.StartAsync(null, Settings(gate, whitebit));
        var candles = TestCandles.FromCloses([.. Enumerable.Range(0, 60).Select(i => 50_000m + i)]);
        await h.Get<ICandleStore>().UpsertAsync(Gate, candles);
        await h.Get<ICandleStore>().UpsertAsync(WhiteBit, candles);
        await h.Get<IPortfolioStore>().ApplyFillAsync(new Fill("held-on-whitebit", WhiteBit.Key, TradeAction.Buy, 0.01m, 50_000m, 0m, candles[^1].OpenTime));
        return new Venues(gate, whitebit, h);
    }

    private static async Task<TradeFlowResult> RunAsync(FlowHarness h, ArbitrageInput input)
    {
        Assert.True(await h.Flows.StartArbitrageAsync(input));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meta = await h.Host.Client.WaitForInstanceCompletionAsync(input.Id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        return meta.ReadOutputAs<TradeFlowResult>()!;
    }

    private static ArbitrageInput Input(string id, decimal minSpread = 0.3m) => new(id, Gate.Key, WhiteBit.Key, 0.004m, minSpread, true, "test", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Buys_on_the_cheap_venue_and_sells_on_the_dear_one_at_once_each_leg_once()
    {
        await using var v = await StartAsync(whitebitBid: 50_500m);
        var result = await RunAsync(v.Harness, Input("arb-1"));
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal((1, 1), (v.Gate.OrdersAccepted, v.WhiteBit.OrdersAccepted));
        var book = await v.Harness.Get<IPortfolioStore>().GetAsync();
        Assert.InRange(book.Position(Gate.Key).Quantity, 0.0039m, 0.004m); // less Gate.io's fee, taken in BTC
        Assert.Equal(0.006m, book.Position(WhiteBit.Key).Quantity);
        var steps = (await v.Harness.Get<IJournalStore<DecisionJournal>>().GetAsync("arb-1"))!.Steps;
        Assert.Contains(steps, s => s.Step == "spread" && s.Detail.StartsWith("buy at 50001 (gateio ticker), sell at 50500 (whitebit ticker)", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Step == "legs" && s.Detail == "bought " + book.Position(Gate.Key).Quantity + ", sold 0.004");
    }

    [Fact]
    public async Task A_spread_that_does_not_pay_both_fees_trades_nothing()
    {
        await using var v = await StartAsync(whitebitBid: 50_100m); // 0.2 % apart, 0.3 % in fees
        var result = await RunAsync(v.Harness, Input("arb-2", minSpread: 0m));
        Assert.Equal((DecisionStatus.Rejected, ArbitrageOrchestrator.Reasons.SpreadTooSmall), (result.Status, Assert.Single(result.Reasons)));
        Assert.Equal((0, 0), (v.Gate.OrdersAccepted, v.WhiteBit.OrdersAccepted));
    }

    [Fact]
    public async Task When_the_sell_leg_is_refused_the_bought_leg_is_sold_back()
    {
        await using var v = await StartAsync(whitebitBid: 50_500m);
        v.WhiteBit.SetBalance("BTC", 0m); // the venue does not hold what the book says: WhiteBIT refuses the sell
        var result = await RunAsync(v.Harness, Input("arb-3"));
        Assert.Equal((DecisionStatus.Rejected, ArbitrageOrchestrator.Reasons.LegsUnwound), (result.Status, Assert.Single(result.Reasons)));
        Assert.Equal((2, 0), (v.Gate.OrdersAccepted, v.WhiteBit.OrdersAccepted)); // the buy, and its unwind
        var book = await v.Harness.Get<IPortfolioStore>().GetAsync();
        Assert.Equal(0m, book.Position(Gate.Key).Quantity);
        Assert.Equal(0.01m, book.Position(WhiteBit.Key).Quantity);
        var steps = (await v.Harness.Get<IJournalStore<DecisionJournal>>().GetAsync("arb-3"))!.Steps;
        Assert.Contains(steps, s => s.Step == "unwind" && s.Detail.StartsWith("traded ", StringComparison.Ordinal) && s.Detail.EndsWith("back on " + Gate.Key, StringComparison.Ordinal));
    }
}
