using System.Globalization;
using Lyra.Ai.Voting;
using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Portfolio;
using Lyra.Strategies.Signals;
using Lyra.Testing;
using Lyra.Testing.Venues;
using Lyra.Testing.Voters;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lyra.Workflows.Tests;

/// <summary>Live mode: TradeFlow on the real durable engine trades the Gate.io fake, exactly once whatever the venue does.</summary>
public sealed class LiveTradingTests(ITestOutputHelper output)
{
    private static readonly Market Gate = Market.Parse("gateio:BTC_USDT:1m");

    private static Dictionary<string, string?> Settings(FakeGateIoServer venue) => new()
    {
        ["Lyra:Trading:Exchange"] = "live",
        ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b",
        ["Lyra:Collect:Markets:0"] = Gate.Key,
        ["Lyra:Exchanges:gateio:Enabled"] = "true",
        ["Lyra:Exchanges:gateio:BaseUrl"] = venue.BaseAddress.ToString(),
        ["Lyra:Exchanges:gateio:ApiKey"] = FakeGateIoServer.ApiKey,
        ["Lyra:Exchanges:gateio:ApiSecret"] = FakeGateIoServer.ApiSecret,
        ["Lyra:Exchanges:gateio:TimeoutSeconds"] = "0.4",
        ["Lyra:Exchanges:Orders:LookupGrace"] = "00:00:00.05",
        ["Lyra:Exchanges:Orders:InFlightWindow"] = "00:00:00.6",
        ["Lyra:Exchanges:Orders:PollInterval"] = "00:00:00.02",
        ["Lyra:Risk:MaxPositionPercent"] = "2",
        ["Lyra:Risk:Stops:Method"] = "none",
        ["Lyra:Risk:QuantityStep"] = "0.000001",
    };

    private static Task<FlowHarness> StartAsync(FakeGateIoServer venue) =>
        FlowHarness.StartAsync(s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); }, Settings(venue));

    private static async Task<IReadOnlyList<Candle>> SeedAsync(FlowHarness h, int bars = 60)
    {
        var candles = TestCandles.FromCloses([.. Enumerable.Range(0, bars).Select(i => 50_000m + i)]);
        await h.Get<ICandleStore>().UpsertAsync(Gate, candles);
        return candles;
    }

    private static TradeFlowInput Input(Candle candle, TradeAction action, DateTimeOffset? time = null) =>
        TradeFlowInput.From(new Signal("sma-cross", Gate.Key, time ?? candle.OpenTime, action, candle.Close, "test signal"));

    [Fact]
    public async Task A_buy_decision_places_one_order_on_the_venue_and_books_what_it_filled()
    {
        await using var venue = await FakeGateIoServer.StartAsync();
        await using var h = await StartAsync(venue);
        var candles = await SeedAsync(h);

        var result = await h.RunAsync(Input(candles[^1], TradeAction.Buy));

        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Equal(1, venue.OrdersAccepted);
        var order = Assert.Single(await h.Get<IOrderStore>().ListAsync(Gate.Key, 10));
        Assert.Equal((OrderStatus.Filled, 50_001m), (order.Status, order.AveragePrice));
        var held = (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity;
        Assert.Equal(order.FilledQuantity, held);
        var intent = (await h.Get<IOrderIntentStore>().GetAsync(result.ClientOrderId!))!;
        Assert.Equal((OrderIntentState.Final, 1), (intent.State, venue.PlacedByText[intent.VenueClientId]));
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        Assert.Contains(journal!.Steps, s => s.Step == "order" && s.Detail.StartsWith("Filled Buy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resting_limit_order_books_its_partial_fill_as_it_happens_and_is_canceled_at_its_time_to_live()
    {
        await using var venue = await FakeGateIoServer.StartAsync();
        var settings = Settings(venue);
        settings["Lyra:Trading:OrderPollSeconds"] = "1";
        settings["Lyra:Trading:OrderPollMaxSeconds"] = "1";
        settings.Remove("Lyra:Trading:Voters:0");
        settings.Remove("Lyra:Trading:Voters:1"); // a person's order has no vote
        await using var h = await FlowHarness.StartAsync(null, settings);
        var candles = await SeedAsync(h);
        var input = Input(candles[^1], TradeAction.Buy) with
        {
            SignalId = "manual-rest", Strategy = "manual", Manual = new ManualOrder(0.004m, 49_000m, 8, "test"),
        };
        Assert.True(await h.Flows.StartTradeFlowAsync(input));
        var clientId = OrderIds.ClientOrderId("manual-rest");

        // Resting below the bid; a counterparty then takes half of it.
        OrderIntent? intent = null;
        for (var i = 0; i < 100 && intent?.VenueOrderId is null; i++, await Task.Delay(50)) intent = await h.Get<IOrderIntentStore>().GetAsync(clientId);
        Assert.Equal((Lyra.Exchanges.Venues.OrderType.Limit, 49_000m), (intent!.Type, intent.Price));
        venue.FillResting(intent.VenueOrderId!, 0.002m);
        var held = 0m;
        for (var i = 0; i < 100 && held == 0; i++, await Task.Delay(50)) held = (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity;
        Assert.InRange(held, 0.0019m, 0.002m); // booked while the rest still rests (less Gate.io's fee, taken in BTC)
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Host.Client.GetInstanceAsync("manual-rest"))!.RuntimeStatus);

        var result = await h.WaitAsync("manual-rest");
        Assert.Equal(DecisionStatus.Executed, result.Status);
        var order = Assert.Single(await h.Get<IOrderStore>().ListAsync(Gate.Key, 10));
        Assert.Equal((OrderStatus.Canceled, held, 49_000m), (order.Status, order.FilledQuantity, order.AveragePrice));
        Assert.Equal(held, (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity); // booked once
        Assert.Equal(1, venue.OrdersAccepted);
        var steps = (await h.Get<IJournalStore<DecisionJournal>>().GetAsync("manual-rest"))!.Steps.Select(s => s.Step).ToList();
        Assert.Equal(["partial fill", "cancel", "position"], steps.Where(s => s is "partial fill" or "cancel" or "position"));
    }

    [Fact]
    public async Task A_live_grid_cycles_on_the_venue_once_per_order_and_cancels_what_rests_when_stopped()
    {
        await using var venue = await FakeGateIoServer.StartAsync();
        await using var h = await StartAsync(venue);
        await SeedAsync(h);
        var input = new GridInput("grid-live", Gate.Key, 1, 1m, 0.002m, 50_000m, "test", 1, DateTimeOffset.UtcNow);
        Assert.True(await h.Flows.StartGridAsync(input));
        var intents = h.Get<IOrderIntentStore>();
        OrderIntent? buy = null;
        for (var i = 0; i < 200 && buy?.VenueOrderId is null; i++, await Task.Delay(50)) buy = await intents.GetAsync(OrderIds.ClientOrderId("grid-live-1-0-b"));
        Assert.Equal(49_500m, buy!.Price);

        // A counterparty takes the buy; the grid offers what it holds (less Gate.io's fee in BTC) at 50,000, which the
        // bid takes at once; the level then buys again.
        venue.FillResting(buy.VenueOrderId!, 0.002m);
        OrderIntent? again = null;
        for (var i = 0; i < 200 && again?.VenueOrderId is null; i++, await Task.Delay(50)) again = await intents.GetAsync(OrderIds.ClientOrderId("grid-live-1-1-b"));
        Assert.NotNull(again?.VenueOrderId);
        await h.Flows.StopGridAsync("grid-live", "test");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = (await h.Host.Client.WaitForInstanceCompletionAsync("grid-live", getInputsAndOutputs: true, cts.Token)).ReadOutputAs<GridResult>()!;
        Assert.Equal(1, result.Cycles);
        Assert.True(result.RealizedPnl > 0, $"a cycle bought at 49,500 and sold at 50,000: {result.RealizedPnl}");
        Assert.Equal(3, venue.OrdersAccepted);
        Assert.All(venue.PlacedByText.Values, n => Assert.Equal(1, n));
        Assert.Equal("cancelled", (string?)venue.OrderByText(again!.VenueClientId)!["status"]);
        Assert.Equal(0m, (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity);
    }

    [Fact]
    public async Task Reconciliation_resolves_a_lost_intent_and_raises_drift_when_the_venue_does_not_cover_the_book()
    {
        await using var venue = await FakeGateIoServer.StartAsync();
        await using var h = await StartAsync(venue);
        var candles = await SeedAsync(h);
        var buy = await h.RunAsync(Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, buy.Status);

        // An intent whose host died after the venue accepted it: only the venue knows it happened.
        var intents = h.Get<IOrderIntentStore>();
        var client = h.Get<Lyra.Exchanges.Venues.VenueRegistry>().Client("gateio")!;
        var lost = await intents.AddAsync(new OrderIntent("lost-1", "gateio", client.FormatClientId("lost-1"), Gate.Key, "BTC/USDT", TradeAction.Sell,
            Lyra.Exchanges.Venues.OrderType.Market, 0.0001m, null, DateTimeOffset.UtcNow, OrderIntentState.Pending, QuantityStep: 0.000001m));
        await intents.SaveAsync(lost with { Sends = 1 });
        await client.PlaceOrderAsync(new Lyra.Exchanges.Venues.VenueOrderRequest(lost.VenueClientId, "BTC/USDT", TradeAction.Sell, Lyra.Exchanges.Venues.OrderType.Market, 0.0001m));

        var before = (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity;
        var report = await h.Get<Application.VenueReconciler>().RunAsync();
        Assert.Equal((1, 1, 0), (report.Checked, report.Resolved, report.StillUnknown));
        Assert.Equal(OrderIntentState.Final, (await intents.GetAsync("lost-1"))!.State);
        Assert.Equal(2, venue.OrdersAccepted); // looked up, not sent again
        Assert.Empty(report.Drifts);
        Assert.Equal(before - 0.0001m, (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity); // the lost sell is booked
        await h.Get<Application.VenueReconciler>().RunAsync();
        Assert.Equal(before - 0.0001m, (await h.Get<IPortfolioStore>().GetAsync()).Position(Gate.Key).Quantity); // once

        // The coins leave the account behind Lyra's back: the book's position is no longer covered.
        venue.SetBalance("BTC", 0m);
        report = await h.Get<Application.VenueReconciler>().RunAsync();
        var drift = Assert.Single(report.Drifts);
        Assert.StartsWith("gateio: Lyra holds ", drift, StringComparison.Ordinal);
        Assert.EndsWith("but the venue's balance is 0 BTC", drift, StringComparison.Ordinal);
        var alerts = await h.Get<Lyra.Monitoring.Alerts.IAlertStore>().ListAsync(10);
        Assert.Contains(alerts, a => a.Kind == Lyra.Monitoring.Alerts.AlertKinds.ReconciliationDrift && a.Message == drift);
    }

    [Fact]
    public async Task A_hundred_decisions_under_random_venue_faults_place_no_order_twice_and_lose_none()
    {
        await using var venue = await FakeGateIoServer.StartAsync();
        venue.SlowAckDelay = TimeSpan.FromSeconds(0.8);
        await using var h = await StartAsync(venue);
        var candles = await SeedAsync(h);
        var random = new Random(20261203);
        VenueFault[] kinds = [VenueFault.AcceptThenDrop, VenueFault.AcceptThen504, VenueFault.SlowAck, VenueFault.RateLimit, VenueFault.DropBeforeAccept,
            VenueFault.UnavailableBeforeAccept, VenueFault.PartialFill];
        var injected = kinds.ToDictionary(k => k, _ => 0);
        var results = new List<TradeFlowResult>();
        for (var run = 0; run < 100; run++)
        {
            var faults = Enumerable.Range(0, random.Next(0, 3)).Select(_ => kinds[random.Next(kinds.Length)]).ToArray();
            foreach (var f in faults) injected[f]++;
            venue.Inject(faults);
            var action = run % 2 == 0 ? TradeAction.Buy : TradeAction.Sell;
            results.Add(await h.RunAsync(Input(candles[^1], action, candles[^1].OpenTime.AddMinutes(run + 1))));
            venue.ClearFaults(); // a fault the run did not reach (a sell of nothing is refused before the venue) does not leak into the next
        }

        var intents = h.Get<IOrderIntentStore>();
        var orders = await h.Get<IOrderStore>().ListAsync(Gate.Key, 500);
        var duplicates = venue.PlacedByText.Count(p => p.Value > 1);
        var lost = 0;
        foreach (var (text, _) in venue.PlacedByText)
        {
            // Every order on the venue is recorded by Lyra under the client id it was sent with.
            if (!orders.Any(o => intents.GetAsync(o.ClientOrderId).Result?.VenueClientId == text)) lost++;
        }

        foreach (var r in results)
        {
            var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(r.DecisionId);
            Assert.NotNull(journal);
            if (r.ClientOrderId is { } id && await intents.GetAsync(id) is { } intent)
            {
                Assert.True(intent.IsResolved, $"{id}: {intent.State}");
                Assert.Contains(journal!.Steps, s => s.Step == "order");
            }
        }

        foreach (var o in orders.Where(o => o.Status == OrderStatus.Rejected).Take(3)) output.WriteLine($"rejected {o.Side} {o.Quantity}: {o.RejectReason}");
        output.WriteLine($"faults injected: {string.Join(", ", injected.Select(p => $"{p.Key} {p.Value}"))}");
        output.WriteLine($"decisions: {results.Count}, executed {results.Count(r => r.Status == DecisionStatus.Executed)}, rejected {results.Count(r => r.Status == DecisionStatus.Rejected)}, failed {results.Count(r => r.Status == DecisionStatus.Failed)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"venue orders: {venue.OrdersAccepted}; duplicates: {duplicates}; lost: {lost}"));
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.True(injected.Values.All(v => v > 0), "every fault kind was exercised");
        Assert.True(results.Count(r => r.Status == DecisionStatus.Executed) >= 80, "most decisions executed despite the faults");
    }
}
