using Lyra.Core.Trading;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;
using Lyra.Storage.Orders;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.Live;

/// <summary>Exactly once: the live exchange over the Gate.io fake, with the intent ledger in Azurite.</summary>
public sealed class LiveExchangeTests : IAsyncLifetime
{
    private const string Market = "gateio:BTC_USDT:1m";
    private FakeGateIoServer _venue = null!;
    private HttpClient _http = null!;
    private OrderIntentTableStore _intents = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeGateIoServer.StartAsync();
        _venue.SlowAckDelay = TimeSpan.FromSeconds(1.5);
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
        _intents = new OrderIntentTableStore(TableProvider.Connect(await Azurite.GetConnectionStringAsync(), Azurite.UniqueName("li")));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _venue.DisposeAsync();
    }

    private GateIoClient Venue() =>
        new(_http, new VenueOptions { ApiKey = FakeGateIoServer.ApiKey, ApiSecret = FakeGateIoServer.ApiSecret, TimeoutSeconds = 0.5 }, TimeProvider.System);

    private LiveExchange Exchange(GateIoClient? venue = null) => new(venue ?? Venue(), _intents, new LiveExchangeOptions
    {
        LookupGrace = TimeSpan.FromMilliseconds(50),
        InFlightWindow = TimeSpan.FromSeconds(0.7), // the venue client's timeout is 0.5 s
        PollInterval = TimeSpan.FromMilliseconds(20),
        FillWait = TimeSpan.FromSeconds(2),
    }, TimeProvider.System);

    private static OrderRequest Buy(string id, decimal qty = 0.01m) => new(id, Market, TradeAction.Buy, qty);

    [Fact]
    public async Task A_market_buy_fills_with_the_base_fee_taken_off_the_quantity_and_booked_in_quote()
    {
        var r = await Exchange().PlaceOrderAsync(Buy("ok-1", 0.012345m));
        Assert.Equal(OrderStatus.Filled, r.Status);
        // 0.012345 BTC less the 0.2 % fee (0.00002469) is 0.01232031; what is held is rounded down to the 0.000001 step.
        Assert.Equal(0.012320m, r.FilledQuantity);
        Assert.Equal(50_001m, r.AveragePrice);
        Assert.Equal(Math.Round((0.012345m - 0.012320m) * 50_001m, 8), r.Fee); // the fee and the dust, in quote
        var intent = (await _intents.GetAsync("ok-1"))!;
        Assert.Equal((OrderIntentState.Final, 1, r.ExchangeOrderId), (intent.State, intent.Sends, intent.VenueOrderId));
        Assert.Contains(intent.History!, l => l.Contains("send 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Placing_the_same_client_id_again_sends_nothing()
    {
        var first = await Exchange().PlaceOrderAsync(Buy("again-1"));
        var posts = _venue.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal));
        var second = await Exchange().PlaceOrderAsync(Buy("again-1"));
        Assert.Equal(first, second);
        Assert.Equal(posts, _venue.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Equal(first, await Exchange().GetOrderAsync("again-1"));
        Assert.Null(await Exchange().GetOrderAsync("never"));
    }

    [Theory]
    [InlineData(VenueFault.AcceptThenDrop)]
    [InlineData(VenueFault.AcceptThen504)]
    [InlineData(VenueFault.SlowAck)]
    public async Task An_accepted_order_without_an_answer_is_found_not_sent_again(VenueFault fault)
    {
        _venue.Inject(fault);
        var r = await Exchange().PlaceOrderAsync(Buy("lost-" + fault));
        Assert.Equal(OrderStatus.Filled, r.Status);
        var intent = (await _intents.GetAsync("lost-" + fault))!;
        Assert.Equal(1, intent.Sends);
        Assert.Equal(1, _venue.PlacedByText[intent.VenueClientId]);
        Assert.Contains(intent.History!, l => l.Contains("outcome unknown", StringComparison.Ordinal));
        Assert.Contains(intent.History!, l => l.Contains("found by client id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(VenueFault.DropBeforeAccept)]
    [InlineData(VenueFault.UnavailableBeforeAccept)]
    public async Task A_request_that_never_arrived_is_sent_again_after_the_lookups(VenueFault fault)
    {
        _venue.Inject(fault);
        var r = await Exchange().PlaceOrderAsync(Buy("resend-" + fault));
        Assert.Equal(OrderStatus.Filled, r.Status);
        var intent = (await _intents.GetAsync("resend-" + fault))!;
        Assert.Equal(2, intent.Sends);
        Assert.Equal(1, _venue.PlacedByText[intent.VenueClientId]);
    }

    [Fact]
    public async Task A_429_waits_its_retry_after_and_places_once()
    {
        _venue.Inject(VenueFault.RateLimit);
        var r = await Exchange().PlaceOrderAsync(Buy("limited-1"));
        Assert.Equal(OrderStatus.Filled, r.Status);
        var intent = (await _intents.GetAsync("limited-1"))!;
        Assert.Contains(intent.History!, l => l.Contains("rate limited; waiting 1 s", StringComparison.Ordinal));
        Assert.Equal(1, _venue.PlacedByText[intent.VenueClientId]);
    }

    [Fact]
    public async Task A_refusal_is_final_and_nothing_is_retried()
    {
        _venue.SetBalance("USDT", 5m);
        var r = await Exchange().PlaceOrderAsync(Buy("poor-1", 1m));
        Assert.Equal(OrderStatus.Rejected, r.Status);
        Assert.Contains("BALANCE_NOT_ENOUGH", r.RejectReason, StringComparison.Ordinal);
        Assert.Equal(OrderIntentState.NotPlaced, (await _intents.GetAsync("poor-1"))!.State);
        Assert.Equal(0, _venue.OrdersAccepted);
    }

    [Fact]
    public async Task Orders_below_the_venue_minimums_are_refused_before_anything_is_written()
    {
        var r = await Exchange().PlaceOrderAsync(Buy("tiny-1", 0.000001m));
        Assert.Equal(OrderStatus.Rejected, r.Status);
        Assert.Contains("below BTC_USDT's minimum", r.RejectReason, StringComparison.Ordinal);
        Assert.Null(await _intents.GetAsync("tiny-1"));
        var unknown = await Exchange().PlaceOrderAsync(new OrderRequest("doge-1", "gateio:DOGE_USDT:1m", TradeAction.Buy, 1m));
        Assert.Contains("has no pair", unknown.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_killed_between_send_and_record_finds_the_order_on_restart()
    {
        // The first host counted its send and the venue accepted the order; then the host died before recording it.
        var venue = Venue();
        var intent = await _intents.AddAsync(new OrderIntent("crash-1", "gateio", venue.FormatClientId("crash-1"), Market, "BTC/USDT", TradeAction.Buy,
            OrderType.Market, 0.01m, null, DateTimeOffset.UtcNow, OrderIntentState.Pending));
        await _intents.SaveAsync(intent with { Sends = 1 });
        await venue.PlaceOrderAsync(new VenueOrderRequest(intent.VenueClientId, "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.01m));

        var r = await Exchange().PlaceOrderAsync(Buy("crash-1"));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1, _venue.PlacedByText[intent.VenueClientId]);
        Assert.Equal(1, (await _intents.GetAsync("crash-1"))!.Sends);
    }

    [Fact]
    public async Task A_host_killed_after_writing_the_intent_but_before_sending_sends_once()
    {
        var venue = Venue();
        await _intents.AddAsync(new OrderIntent("crash-2", "gateio", venue.FormatClientId("crash-2"), Market, "BTC/USDT", TradeAction.Buy,
            OrderType.Market, 0.01m, null, DateTimeOffset.UtcNow, OrderIntentState.Pending));
        var r = await Exchange().PlaceOrderAsync(Buy("crash-2"));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1, _venue.OrdersAccepted);
    }

    [Fact]
    public async Task Two_hosts_driving_one_intent_at_once_place_one_order()
    {
        _venue.Inject(VenueFault.SlowAck, VenueFault.SlowAck);
        var a = Exchange();
        var b = Exchange();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).PlaceOrderAsync(Buy("race-1")))));
        Assert.Equal(1, _venue.OrdersAccepted);
        var final = await a.GetOrderAsync("race-1");
        Assert.Equal(OrderStatus.Filled, final!.Status);
        Assert.All(results, r => Assert.True(r.Status is OrderStatus.Filled or OrderStatus.New, r.ToString()));
    }

    [Fact]
    public async Task A_partially_filled_market_order_reports_what_filled()
    {
        _venue.Inject(VenueFault.PartialFill);
        var r = await Exchange().PlaceOrderAsync(new OrderRequest("part-1", Market, TradeAction.Buy, 0.02m));
        Assert.Equal(OrderStatus.Expired, r.Status);
        Assert.Equal(0.00998m, r.FilledQuantity); // 0.01 filled of 0.02, less the fee
    }

    [Fact]
    public async Task A_resting_limit_intent_is_placed_once_and_cancelled_by_client_id()
    {
        var venue = Venue();
        var intent = await _intents.AddAsync(new OrderIntent("rest-1", "gateio", venue.FormatClientId("rest-1"), Market, "BTC/USDT", TradeAction.Buy,
            OrderType.Limit, 0.01m, 40_000m, DateTimeOffset.UtcNow, OrderIntentState.Pending, QuantityStep: 0.000001m));
        var exchange = Exchange(venue);
        var placed = await exchange.ResolveAsync(intent);
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(OrderIntentState.Placed, (await _intents.GetAsync("rest-1"))!.State);

        var canceled = await exchange.CancelOrderAsync("rest-1");
        Assert.Equal((OrderStatus.Canceled, 0m), (canceled!.Status, canceled.FilledQuantity));
        Assert.Equal(OrderIntentState.Final, (await _intents.GetAsync("rest-1"))!.State);
        Assert.Equal(1, _venue.OrdersAccepted);
        Assert.Null(await exchange.CancelOrderAsync("nothing-1"));
    }
}
