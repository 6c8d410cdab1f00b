using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;
using Lyra.Exchanges.WhiteBit;
using Lyra.Storage.Orders;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.WhiteBit;

/// <summary>The WhiteBIT connector against the loopback fake that speaks WhiteBIT's documented wire format.</summary>
public sealed class WhiteBitClientTests : IAsyncLifetime
{
    private FakeWhiteBitServer _venue = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeWhiteBitServer.StartAsync();
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _venue.DisposeAsync();
    }

    private WhiteBitClient Client(double timeoutSeconds = 2, string secret = FakeWhiteBitServer.ApiSecret) => new(_http, new VenueOptions
    {
        ApiKey = FakeWhiteBitServer.ApiKey, ApiSecret = secret, TimeoutSeconds = timeoutSeconds, RequestsPerSecond = 1000, OrdersPerSecond = 1000,
    }, TimeProvider.System);

    // WhiteBIT publishes the recipe (hex HMAC-SHA512 over the Base64 body) but no numeric example; this vector was
    // computed independently with Python's base64/hmac.
    [Fact]
    public void Signs_the_base64_body_as_documented()
    {
        const string body = "{\"request\":\"/api/v4/order/new\",\"nonce\":1700000000000,\"nonceWindow\":true,\"market\":\"BTC_USDT\",\"side\":\"buy\",\"amount\":\"0.001\",\"price\":\"65000\",\"clientOrderId\":\"ly-abc123\"}";
        var payload = WhiteBitSigner.Payload(body);
        Assert.Equal("eyJyZXF1ZXN0IjoiL2FwaS92NC9vcmRlci9uZXciLCJub25jZSI6MTcwMDAwMDAwMDAwMCwibm9uY2VXaW5kb3ciOnRydWUsIm1hcmtldCI6IkJUQ19VU0RUIiwic2lkZSI6ImJ1eSIsImFtb3VudCI6IjAuMDAxIiwicHJpY2UiOiI2NTAwMCIsImNsaWVudE9yZGVySWQiOiJseS1hYmMxMjMifQ==", payload);
        Assert.Equal("077d2ac74a8f4ef4cdf1aa50722b5e5d45d60c88ca0e87aa3680d3b1a24d796ea0628a07ea6329c24aa25aec40b5625a6bf31b634460527a32dc07b20e0e1bde",
            WhiteBitSigner.Sign("secret-for-tests", payload));
    }

    [Fact]
    public void Client_ids_keep_the_allowed_alphabet_up_to_64()
    {
        var c = Client();
        Assert.Equal("ly-abc_1.2", c.FormatClientId("ly-abc_1.2"));
        Assert.Matches("^[0-9a-f]{32}$", c.FormatClientId("has space"));
        Assert.Matches("^[0-9a-f]{32}$", c.FormatClientId(new string('a', 65)));
        Assert.Equal(c.FormatClientId("has space"), c.FormatClientId("has space"));
    }

    [Fact]
    public void Is_a_trading_venue_with_its_own_base_address()
    {
        Assert.Contains(WhiteBitClient.Id, VenueNames.Trading);
        Assert.Equal("https://whitebit.com/", VenueNames.DefaultBaseUrl(WhiteBitClient.Id));
    }

    [Fact]
    public async Task Markets_ticker_book_and_klines_with_close_before_high_and_low()
    {
        var c = Client();
        var i = await c.GetInstrumentAsync("BTC_USDT");
        Assert.Equal(("BTC/USDT", "BTC", "USDT", 0.01m, 0.000001m, 0.0001m, 5.05m, true), (i.Symbol, i.Base, i.Quote, i.TickSize, i.QuantityStep, i.MinQuantity, i.MinNotional, i.Tradable));
        Assert.Same(i, await c.GetInstrumentAsync("BTC/USDT"));
        Assert.DoesNotContain(await c.GetInstrumentsAsync(), x => x.VenueSymbol == "BTC_PERP"); // futures are not spot
        var t = await c.GetTickerAsync("BTC/USDT");
        Assert.Equal((50_000m, 50_001m, 50_000.5m, 1234.5m), (t.Bid, t.Ask, t.Last, t.BaseVolume24h));
        var book = await c.GetOrderBookAsync("BTC/USDT", 2);
        Assert.Equal((new BookLevel(50_001m, 0.5m), new BookLevel(50_000m, 0.7m), 2), (book.Asks[0], book.Bids[0], book.Asks.Count));
        var candles = await c.GetCandlesAsync("BTC/USDT", Timeframe.OneMinute, null, 30);
        Assert.Equal(30, candles.Count);
        Assert.True(candles[^1].OpenTime.AddMinutes(1) <= DateTimeOffset.UtcNow, "the forming row is dropped");
        // The fake's rows are [t, open, close, high, low]: close = open + 5, high = open + 15, low = open - 10.
        Assert.All(candles, k => Assert.Equal((k.Open + 15, k.Open - 10, k.Open + 5, 3m), (k.High, k.Low, k.Close, k.Volume)));
        var after = await c.GetCandlesAsync("BTC/USDT", Timeframe.OneMinute, candles[^3].OpenTime, 10);
        Assert.Equal(candles[^2].OpenTime, after[0].OpenTime);
        var e = await Assert.ThrowsAsync<VenueException>(() => c.GetInstrumentAsync("ETH/USDT"));
        Assert.Equal(VenueErrorKind.Rejected, e.Kind);
    }

    [Fact]
    public async Task Market_buy_pays_its_fee_in_base_and_is_found_by_client_id()
    {
        var c = Client();
        var id = c.FormatClientId("ly-market-1");
        var o = await c.PlaceOrderAsync(new VenueOrderRequest(id, "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.02m));
        Assert.Equal((VenueOrderState.Filled, 0.02m, 0.02m, 50_001m), (o.State, o.Quantity, o.FilledQuantity, o.AveragePrice));
        Assert.Equal((0.00002m, "BTC"), (o.Fee, o.FeeAsset)); // from the order's deals: the order answer does not name the asset
        var found = await c.FindByClientIdAsync("BTC/USDT", id, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal((o.VenueOrderId, VenueOrderState.Filled, "BTC"), (found!.VenueOrderId, found.State, found.FeeAsset));
        Assert.Equal(0.02m - 0.00002m, (await c.GetBalancesAsync()).Single(b => b.Asset == "BTC").Total);
        var fill = Assert.Single(await c.GetFillsAsync("BTC/USDT", DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal((o.VenueOrderId, 0.02m, 50_001m, "BTC"), (fill.VenueOrderId, fill.Quantity, fill.Price, fill.FeeAsset));
        Assert.Null(await c.FindByClientIdAsync("BTC/USDT", "never-sent", DateTimeOffset.UtcNow.AddMinutes(-1)));

        var sell = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("ly-market-2"), "BTC/USDT", TradeAction.Sell, OrderType.Market, 0.01m));
        Assert.Equal((VenueOrderState.Filled, 50_000m, "USDT"), (sell.State, sell.AveragePrice, sell.FeeAsset));
    }

    [Fact]
    public async Task Resting_limit_order_is_open_then_filled_or_canceled()
    {
        var c = Client();
        var rest = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("ly-rest"), "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 49_000m));
        Assert.Equal((VenueOrderState.Open, 49_000m), (rest.State, rest.Price));
        Assert.Single(await c.GetOpenOrdersAsync("BTC/USDT"));
        Assert.Single(await c.GetOpenOrdersAsync(null));
        // While it is open its client id cannot be used again (code 36).
        var dup = await Assert.ThrowsAsync<VenueException>(() => c.PlaceOrderAsync(new VenueOrderRequest(rest.ClientId!, "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 49_000m)));
        Assert.Equal((VenueErrorKind.DuplicateClientId, "36"), (dup.Kind, dup.Code));
        var canceled = await c.CancelOrderAsync("BTC/USDT", rest.VenueOrderId);
        Assert.Equal((VenueOrderState.Canceled, 0m), (canceled.State, canceled.FilledQuantity));
        Assert.Empty(await c.GetOpenOrdersAsync("BTC/USDT"));

        var second = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("ly-rest-2"), "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 49_500m));
        _venue.FillOpen(second.VenueOrderId);
        var filled = await c.GetOrderAsync("BTC/USDT", second.VenueOrderId);
        Assert.Equal((VenueOrderState.Filled, 0.01m, 49_500m, "BTC"), (filled!.State, filled.FilledQuantity, filled.AveragePrice, filled.FeeAsset));
        // Canceling a filled order leaves it filled.
        Assert.Equal(VenueOrderState.Filled, (await c.CancelOrderAsync("BTC/USDT", second.VenueOrderId)).State);
        var ioc = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("ly-ioc"), "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 49_000m, TimeInForce.Ioc));
        Assert.Equal(VenueOrderState.Expired, ioc.State);
    }

    [Fact]
    public async Task Errors_name_the_field_and_become_kinds()
    {
        var bad = await Assert.ThrowsAsync<VenueException>(() => Client(secret: "wrong").GetBalancesAsync());
        Assert.Equal(VenueErrorKind.Unauthorized, bad.Kind);
        Assert.Contains("Unauthorized request", bad.Message, StringComparison.Ordinal);
        _venue.SetBalance("USDT", 1m);
        var poor = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("ly-poor", "BTC/USDT", TradeAction.Buy, OrderType.Market, 1m)));
        Assert.Equal((VenueErrorKind.Rejected, "10", 400), (poor.Kind, poor.Code, poor.HttpStatus));
        Assert.Contains("amount: Not enough balance.", poor.Message, StringComparison.Ordinal);
        var small = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("ly-small", "BTC/USDT", TradeAction.Sell, OrderType.Market, 0.00001m)));
        Assert.Equal((VenueErrorKind.Rejected, "32"), (small.Kind, small.Code));
        var fok = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("ly-fok", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 1m, TimeInForce.Fok)));
        Assert.Equal(VenueErrorKind.Rejected, fok.Kind);
        Assert.Equal(0, _venue.OrdersAccepted);
    }

    [Fact]
    public async Task Nonces_within_the_window_from_many_concurrent_calls()
    {
        var c = Client();
        var all = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => c.GetBalancesAsync()));
        Assert.All(all, b => Assert.Contains(b, x => x.Asset == "USDT"));
    }

    [Theory]
    [InlineData(VenueFault.AcceptThenDrop)]
    [InlineData(VenueFault.AcceptThen504)]
    [InlineData(VenueFault.SlowAck)]
    [InlineData(VenueFault.UnavailableBeforeAccept)]
    [InlineData(VenueFault.DropBeforeAccept)]
    [InlineData(VenueFault.RateLimit)]
    [InlineData(VenueFault.PartialFill)]
    public async Task Exactly_once_through_the_live_exchange_under_each_fault(VenueFault fault)
    {
        _venue.SlowAckDelay = TimeSpan.FromSeconds(1);
        var intents = new OrderIntentTableStore(TableProvider.Connect(await Azurite.GetConnectionStringAsync(), Azurite.UniqueName("wb")));
        var exchange = new LiveExchange(Client(timeoutSeconds: 0.4), intents,
            new LiveExchangeOptions { LookupGrace = TimeSpan.FromMilliseconds(50), InFlightWindow = TimeSpan.FromSeconds(0.6), PollInterval = TimeSpan.FromMilliseconds(20), MaxRateLimitWait = TimeSpan.FromSeconds(5) },
            TimeProvider.System);
        _venue.Inject(fault);
        var r = await exchange.PlaceOrderAsync(new OrderRequest("ly" + fault, "whitebit:BTC_USDT:1m", TradeAction.Buy, 0.01m));
        Assert.Equal(1, _venue.OrdersAccepted);
        var expected = fault == VenueFault.PartialFill ? 0.005m : 0.01m;
        // A market order that filled in part ends expired, with what filled booked.
        Assert.Equal(fault == VenueFault.PartialFill ? OrderStatus.Expired : OrderStatus.Filled, r.Status);
        // The fee is paid in BTC: what is held is the fill less the fee, rounded down to the 0.000001 step.
        Assert.Equal(Math.Floor((expected - (expected * FakeWhiteBitServer.FeeRate)) * 1_000_000m) / 1_000_000m, r.FilledQuantity);
    }
}
