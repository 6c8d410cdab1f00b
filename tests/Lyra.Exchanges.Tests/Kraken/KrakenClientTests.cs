using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Exchanges.Kraken;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;
using Lyra.Storage.Orders;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.Kraken;

/// <summary>The Kraken connector against the loopback fake that speaks Kraken's documented wire format.</summary>
public sealed class KrakenClientTests : IAsyncLifetime
{
    private FakeKrakenServer _venue = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeKrakenServer.StartAsync();
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _venue.DisposeAsync();
    }

    private KrakenClient Client(double timeoutSeconds = 2) => new(_http, new VenueOptions
    {
        ApiKey = FakeKrakenServer.ApiKey, ApiSecret = FakeKrakenServer.ApiSecret, TimeoutSeconds = timeoutSeconds, RequestsPerSecond = 1000, OrdersPerSecond = 1000,
    }, TimeProvider.System);

    // Kraken's documentation publishes this example (private key, nonce, payload, path → API-Sign).
    [Fact]
    public void Signs_krakens_published_example()
    {
        Assert.Equal("4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==",
            KrakenSigner.Sign("kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==", "/0/private/AddOrder", "1616492376594",
                "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"));
    }

    [Theory]
    [InlineData("XXBT", "BTC")]
    [InlineData("XBT", "BTC")]
    [InlineData("ZUSD", "USD")]
    [InlineData("XETH", "ETH")]
    [InlineData("XDG", "DOGE")]
    [InlineData("USDT", "USDT")]
    [InlineData("SOL", "SOL")]
    public void Asset_codes_are_normalized(string kraken, string usual) => Assert.Equal(usual, KrakenAssets.Normalize(kraken));

    [Fact]
    public async Task Pairs_ticker_book_and_ohlc_with_the_forming_row_dropped()
    {
        var c = Client();
        var i = await c.GetInstrumentAsync("XBTUSD");
        Assert.Equal(("BTC/USD", "BTC", "USD", 0.1m, 0.00000001m, 0.0001m, 0.5m), (i.Symbol, i.Base, i.Quote, i.TickSize, i.QuantityStep, i.MinQuantity, i.MinNotional));
        Assert.Same(i, await c.GetInstrumentAsync("BTC/USD"));
        Assert.Same(i, await c.GetInstrumentAsync("BTCUSD"));
        var t = await c.GetTickerAsync("BTC/USD");
        Assert.Equal((50_000m, 50_001m, 50_000.5m, 2345.6m), (t.Bid, t.Ask, t.Last, t.BaseVolume24h));
        Assert.Equal(new BookLevel(50_001m, 0.5m), (await c.GetOrderBookAsync("BTC/USD", 1)).Asks[0]);
        var candles = await c.GetCandlesAsync("XBTUSD", Timeframe.OneMinute, null, 30);
        Assert.Equal(30, candles.Count);
        Assert.True(candles[^1].OpenTime.AddMinutes(1) <= DateTimeOffset.UtcNow, "the uncommitted row is dropped");
        Assert.All(candles, k => Assert.Equal((k.Open + 15, k.Open - 10, k.Open + 5, 3m), (k.High, k.Low, k.Close, k.Volume)));
        var e = await Assert.ThrowsAsync<VenueException>(() => c.GetInstrumentAsync("ETH/USD"));
        Assert.Equal(VenueErrorKind.Rejected, e.Kind);
    }

    [Fact]
    public async Task Orders_by_cl_ord_id_balances_and_fills()
    {
        var c = Client();
        var id = c.FormatClientId("ly0123456789abcdef0123456789abcd");
        Assert.Matches("^[0-9a-f]{32}$", id);
        var o = await c.PlaceOrderAsync(new VenueOrderRequest(id, "BTC/USD", TradeAction.Buy, OrderType.Market, 0.02m));
        Assert.Equal((VenueOrderState.Filled, 0.02m, 50_001m, "USD"), (o.State, o.FilledQuantity, o.AveragePrice, o.FeeAsset));
        Assert.Equal(o.VenueOrderId, (await c.FindByClientIdAsync("BTC/USD", id, DateTimeOffset.UtcNow.AddMinutes(-1)))!.VenueOrderId);
        Assert.Equal(0.02m, (await c.GetBalancesAsync()).Single(b => b.Asset == "BTC").Total);
        Assert.Single(await c.GetFillsAsync("BTC/USD", DateTimeOffset.UtcNow.AddMinutes(-1)));

        var rest = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("rest"), "BTC/USD", TradeAction.Buy, OrderType.Limit, 0.01m, 40_000m));
        Assert.Equal(VenueOrderState.Open, rest.State);
        Assert.Single(await c.GetOpenOrdersAsync("BTC/USD"));
        Assert.Equal(VenueOrderState.Canceled, (await c.CancelOrderAsync("BTC/USD", rest.VenueOrderId)).State);
        Assert.Null(await c.FindByClientIdAsync("BTC/USD", c.FormatClientId("never"), DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task Errors_arrive_as_http_200_lists_and_become_kinds()
    {
        var bad = new KrakenClient(_http, new VenueOptions { ApiKey = FakeKrakenServer.ApiKey, ApiSecret = Convert.ToBase64String(new byte[32]), RequestsPerSecond = 1000 }, TimeProvider.System);
        var e = await Assert.ThrowsAsync<VenueException>(() => bad.GetBalancesAsync());
        Assert.Equal((VenueErrorKind.Unauthorized, "EAPI:Invalid signature"), (e.Kind, e.Code));
        _venue.SetBalance("ZUSD", 1m);
        var poor = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest(Client().FormatClientId("p"), "BTC/USD", TradeAction.Buy, OrderType.Market, 1m)));
        Assert.Equal((VenueErrorKind.Rejected, "EOrder:Insufficient funds"), (poor.Kind, poor.Code));
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
        var intents = new OrderIntentTableStore(TableProvider.Connect(await Azurite.GetConnectionStringAsync(), Azurite.UniqueName("kr")));
        var exchange = new LiveExchange(Client(timeoutSeconds: 0.4), intents,
            new LiveExchangeOptions { LookupGrace = TimeSpan.FromMilliseconds(50), InFlightWindow = TimeSpan.FromSeconds(0.6), PollInterval = TimeSpan.FromMilliseconds(20), MaxRateLimitWait = TimeSpan.FromSeconds(5) },
            TimeProvider.System);
        _venue.Inject(fault);
        var r = await exchange.PlaceOrderAsync(new OrderRequest("ly" + fault, "kraken:XBTUSD:1m", TradeAction.Buy, 0.01m));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1, _venue.OrdersAccepted);
        Assert.Equal((0.01m, Math.Round(0.01m * 50_001m * FakeKrakenServer.FeeRate, 8)), (r.FilledQuantity, r.Fee)); // fee in quote
    }
}
