using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;
using Lyra.Storage.Orders;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.Okx;

/// <summary>The OKX connector against the loopback fake that speaks OKX's documented wire format.</summary>
public sealed class OkxClientTests : IAsyncLifetime
{
    private FakeOkxServer _venue = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeOkxServer.StartAsync();
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _venue.DisposeAsync();
    }

    private OkxClient Client(string secret = FakeOkxServer.ApiSecret, bool demo = false, double timeoutSeconds = 2) => new(_http, new VenueOptions
    {
        ApiKey = FakeOkxServer.ApiKey, ApiSecret = secret, Passphrase = FakeOkxServer.Passphrase, Demo = demo, TimeoutSeconds = timeoutSeconds,
        RequestsPerSecond = 1000, OrdersPerSecond = 1000,
    }, TimeProvider.System);

    // OKX documents the recipe, not numbers; these were computed independently with Python's hmac/hashlib/base64.
    [Theory]
    [InlineData("GET", "/api/v5/account/balance?ccy=BTC", "", "rIRKyMkHxkSV5xoIod6/26cXDUcMuwoBJ8oEWhMqefk=")]
    [InlineData("POST", "/api/v5/trade/order", "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}",
        "Cr+1EHS3pSMubFGcPkK5NgdRkqVOL+rm3Jq/wtR+0XQ=")]
    public void Signs_as_documented(string method, string path, string body, string expected)
    {
        var ts = OkxSigner.Timestamp(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero));
        Assert.Equal("2020-12-08T09:08:57.715Z", ts);
        Assert.Equal(expected, OkxSigner.Sign("okx-secret-for-tests", ts, method, path, body));
    }

    [Fact]
    public async Task Market_data_instruments_and_candles_in_okx_layout()
    {
        var c = Client();
        var i = await c.GetInstrumentAsync("BTC/USDT");
        Assert.Equal(("BTC-USDT", 0.1m, 0.00000001m, 0.00001m), (i.VenueSymbol, i.TickSize, i.QuantityStep, i.MinQuantity));
        Assert.Same(i, await c.GetInstrumentAsync("BTCUSDT"));
        var t = await c.GetTickerAsync("BTC-USDT");
        Assert.Equal((50_000m, 50_001m), (t.Bid, t.Ask));
        var book = await c.GetOrderBookAsync("BTC/USDT", 1);
        Assert.Equal(new BookLevel(50_001m, 0.5m), book.Asks[0]);
        var candles = await c.GetCandlesAsync("BTC/USDT", Timeframe.OneMinute, null, 20);
        Assert.Equal(20, candles.Count);
        Assert.True(candles[0].OpenTime < candles[^1].OpenTime, "oldest first");
        Assert.All(candles, k => Assert.Equal((k.Open + 15, k.Open - 10, k.Open + 5), (k.High, k.Low, k.Close)));
        Assert.True(candles[^1].OpenTime.AddMinutes(1) <= DateTimeOffset.UtcNow, "the forming candle is left out");
    }

    [Fact]
    public async Task A_market_buy_is_sized_in_base_and_its_state_is_read_back()
    {
        var c = Client(demo: true);
        var o = await c.PlaceOrderAsync(new VenueOrderRequest("lyabc123", "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.02m));
        Assert.Equal((VenueOrderState.Filled, 0.02m, 50_001m, "BTC"), (o.State, o.FilledQuantity, o.AveragePrice, o.FeeAsset));
        Assert.Equal(0.02m * FakeOkxServer.FeeRate, o.Fee); // OKX reports fees negative
        Assert.Contains(_venue.Requests, r => r.StartsWith("POST /api/v5/trade/order", StringComparison.Ordinal) && r.EndsWith("[demo]", StringComparison.Ordinal));
        Assert.Equal(o.VenueOrderId, (await c.FindByClientIdAsync("BTC/USDT", "lyabc123", DateTimeOffset.UtcNow.AddMinutes(-1)))!.VenueOrderId);
        Assert.Single(await c.GetFillsAsync("BTC/USDT", DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task A_pending_client_id_used_again_is_a_duplicate_and_cancel_reports_the_state()
    {
        var c = Client();
        var resting = await c.PlaceOrderAsync(new VenueOrderRequest("dup1", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 40_000m));
        Assert.Equal(VenueOrderState.Open, resting.State);
        var e = await Assert.ThrowsAsync<VenueException>(() => c.PlaceOrderAsync(new VenueOrderRequest("dup1", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.01m, 40_000m)));
        Assert.Equal((VenueErrorKind.DuplicateClientId, "51016"), (e.Kind, e.Code));
        _venue.FillResting(resting.VenueOrderId, 0.004m);
        var canceled = await c.CancelOrderAsync("BTC/USDT", resting.VenueOrderId);
        Assert.Equal((VenueOrderState.Canceled, 0.004m), (canceled.State, canceled.FilledQuantity));
        Assert.Empty(await c.GetOpenOrdersAsync("BTC/USDT"));
    }

    [Fact]
    public async Task Errors_carry_okx_codes_and_never_the_secret()
    {
        var bad = await Assert.ThrowsAsync<VenueException>(() => Client(secret: "PLANTED-wrong-secret").GetBalancesAsync());
        Assert.Equal((VenueErrorKind.Unauthorized, "50113"), (bad.Kind, bad.Code));
        Assert.DoesNotContain("PLANTED", bad.ToString(), StringComparison.Ordinal);
        _venue.SetBalance("USDT", 1m);
        var poor = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("poor1", "BTC/USDT", TradeAction.Buy, OrderType.Market, 1m)));
        Assert.Equal((VenueErrorKind.Rejected, "51008"), (poor.Kind, poor.Code));
        var unknown = await Assert.ThrowsAsync<VenueException>(() => Client().GetTickerAsync("ETH/USDT"));
        Assert.Equal("51001", unknown.Code);
        Assert.Null(await Client().GetOrderAsync("BTC/USDT", "999"));
    }

    [Fact]
    public async Task A_key_that_can_withdraw_is_refused_and_places_nothing()
    {
        _venue.Permissions = "read_only,withdraw,trade";
        var intents = new OrderIntentTableStore(TableProvider.Connect(await Azurite.GetConnectionStringAsync(), Azurite.UniqueName("okx")));
        var exchange = new LiveExchange(Client(), intents, new LiveExchangeOptions(), TimeProvider.System);
        var r = await exchange.PlaceOrderAsync(new OrderRequest("ly-w1", "okx:BTC-USDT:1m", TradeAction.Buy, 0.01m));
        Assert.Equal(OrderStatus.Rejected, r.Status);
        Assert.Contains("can withdraw", r.RejectReason, StringComparison.Ordinal);
        Assert.Equal(0, _venue.OrdersAccepted);

        _venue.Permissions = "read_only,trade";
        var ok = new LiveExchange(Client(), intents, new LiveExchangeOptions(), TimeProvider.System);
        Assert.True((await ok.CheckKeyAsync()).CanTrade);
        Assert.Null(ok.Refusal);
    }

    [Theory]
    [InlineData(VenueFault.AcceptThenDrop)]
    [InlineData(VenueFault.AcceptThen504)]
    [InlineData(VenueFault.SlowAck)]
    [InlineData(VenueFault.UnavailableBeforeAccept)]
    [InlineData(VenueFault.RateLimit)]
    public async Task Exactly_once_through_the_live_exchange_under_each_fault(VenueFault fault)
    {
        _venue.SlowAckDelay = TimeSpan.FromSeconds(1);
        var intents = new OrderIntentTableStore(TableProvider.Connect(await Azurite.GetConnectionStringAsync(), Azurite.UniqueName("okx")));
        var exchange = new LiveExchange(Client(timeoutSeconds: 0.4), intents,
            new LiveExchangeOptions { LookupGrace = TimeSpan.FromMilliseconds(50), InFlightWindow = TimeSpan.FromSeconds(0.6), PollInterval = TimeSpan.FromMilliseconds(20) }, TimeProvider.System);
        _venue.Inject(fault);
        var r = await exchange.PlaceOrderAsync(new OrderRequest("ly" + fault, "okx:BTC-USDT:1m", TradeAction.Buy, 0.01m));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1, _venue.OrdersAccepted);
        Assert.Equal(0.01m - (0.01m * FakeOkxServer.FeeRate), r.FilledQuantity);
    }
}
