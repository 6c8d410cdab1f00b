using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Venues;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.GateIo;

/// <summary>The Gate.io connector against the loopback fake that speaks Gate.io's documented wire format.</summary>
public sealed class GateIoClientTests : IAsyncLifetime
{
    private FakeGateIoServer _venue = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _venue = await FakeGateIoServer.StartAsync();
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _venue.DisposeAsync();
    }

    private GateIoClient Client(string secret = FakeGateIoServer.ApiSecret, double timeoutSeconds = 2) =>
        new(_http, new VenueOptions { ApiKey = FakeGateIoServer.ApiKey, ApiSecret = secret, TimeoutSeconds = timeoutSeconds }, TimeProvider.System);

    [Fact]
    public async Task Instruments_carry_precision_and_minimums_and_resolve_both_spellings()
    {
        var c = Client();
        var btc = await c.GetInstrumentAsync("BTC/USDT");
        Assert.Equal(("BTC_USDT", "BTC", "USDT"), (btc.VenueSymbol, btc.Base, btc.Quote));
        Assert.Equal(0.01m, btc.TickSize);
        Assert.Equal(0.000001m, btc.QuantityStep);
        Assert.Equal(0.00001m, btc.MinQuantity);
        Assert.Equal(3m, btc.MinNotional);
        Assert.Same(btc, await c.GetInstrumentAsync("btc_usdt"));
        Assert.Equal(1, _venue.Requests.Count(r => r.StartsWith("GET /spot/currency_pairs", StringComparison.Ordinal))); // cached
        var e = await Assert.ThrowsAsync<VenueException>(() => c.GetInstrumentAsync("DOGE/USDT"));
        Assert.Equal(VenueErrorKind.Rejected, e.Kind);
    }

    [Fact]
    public async Task Ticker_book_and_candles_in_gate_io_layout()
    {
        var c = Client();
        var t = await c.GetTickerAsync("BTC/USDT");
        Assert.Equal(("BTC/USDT", 50_000m, 50_001m, 50_000.5m), (t.Symbol, t.Bid, t.Ask, t.Last));
        var book = await c.GetOrderBookAsync("BTC/USDT", 5);
        Assert.Equal(5, book.Asks.Count);
        Assert.Equal(new BookLevel(50_001m, 0.5m), book.Asks[0]);
        Assert.Equal(new BookLevel(49_999m, 0.5m), book.Bids[1]);

        var candles = await c.GetCandlesAsync("BTC/USDT", Timeframe.OneMinute, null, 10);
        Assert.Equal(10, candles.Count);
        // The forming minute is left out; rows map [t, quote vol, close, high, low, open, base vol, closed] correctly.
        Assert.True(candles[^1].OpenTime < DateTimeOffset.UtcNow.AddSeconds(-DateTimeOffset.UtcNow.Second));
        Assert.All(candles, k => Assert.Equal((k.Open + 5 + 10, k.Open - 10, 2m), (k.High, k.Low, k.Volume)));
        var after = await c.GetCandlesAsync("BTC/USDT", Timeframe.OneMinute, candles[4].OpenTime, 100);
        Assert.Equal(candles[5].OpenTime, after[0].OpenTime);
        var bad = await Assert.ThrowsAsync<VenueException>(() => c.GetCandlesAsync("BTC/USDT", Timeframe.Parse("3m"), null, 10));
        Assert.Contains("has no 3m candles", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_market_buy_is_sized_in_quote_and_reported_in_base()
    {
        var c = Client();
        var o = await c.PlaceOrderAsync(new VenueOrderRequest(c.FormatClientId("ly0123456789abcdef0123456789abcd"), "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.01m));
        Assert.Equal(VenueOrderState.Filled, o.State);
        Assert.Equal(0.01m, o.FilledQuantity);
        Assert.Equal(50_001m, o.AveragePrice);
        Assert.Equal("BTC", o.FeeAsset);
        Assert.Equal(0.01m * FakeGateIoServer.FeeRate, o.Fee);
        Assert.Equal(c.FormatClientId("ly0123456789abcdef0123456789abcd"), o.ClientId);
        Assert.Matches("^t-[0-9a-f]{28}$", o.ClientId); // a 32-character id is hashed into t- + 28
        var balances = await c.GetBalancesAsync();
        Assert.Equal(0.01m - (0.01m * FakeGateIoServer.FeeRate), balances.Single(b => b.Asset == "BTC").Available);
        var fills = await c.GetFillsAsync("BTC/USDT", DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(o.VenueOrderId, Assert.Single(fills).VenueOrderId);
    }

    [Fact]
    public async Task A_resting_limit_order_fills_in_parts_and_cancels()
    {
        var c = Client();
        var o = await c.PlaceOrderAsync(new VenueOrderRequest("t-rest1", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 0.02m, 49_000m));
        Assert.Equal(VenueOrderState.Open, o.State);
        Assert.Single(await c.GetOpenOrdersAsync(null));
        _venue.FillResting(o.VenueOrderId, 0.005m);
        var part = await c.GetOrderAsync("BTC/USDT", o.VenueOrderId);
        Assert.Equal((VenueOrderState.PartiallyFilled, 0.005m, 49_000m), (part!.State, part.FilledQuantity, part.AveragePrice));
        var canceled = await c.CancelOrderAsync("BTC/USDT", o.VenueOrderId);
        Assert.Equal((VenueOrderState.Canceled, 0.005m), (canceled.State, canceled.FilledQuantity));
        Assert.Empty(await c.GetOpenOrdersAsync("BTC/USDT"));
    }

    [Fact]
    public async Task Lookup_by_client_id_reaches_the_history_after_the_text_window()
    {
        var c = Client();
        var placed = await c.PlaceOrderAsync(new VenueOrderRequest("t-hist1", "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.001m));
        _venue.TextLookupExpired = true;
        var found = await c.FindByClientIdAsync("BTC/USDT", "t-hist1", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(placed.VenueOrderId, found!.VenueOrderId);
        Assert.Contains(_venue.Requests, r => r.Contains("status=finished", StringComparison.Ordinal));
        Assert.Null(await c.FindByClientIdAsync("BTC/USDT", "t-never", DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Venue_errors_become_kinds_with_the_venue_label()
    {
        var wrong = await Assert.ThrowsAsync<VenueException>(() => Client(secret: "not-the-secret").GetBalancesAsync());
        Assert.Equal((VenueErrorKind.Unauthorized, "INVALID_SIGNATURE", 401), (wrong.Kind, wrong.Code, wrong.HttpStatus));
        Assert.DoesNotContain("not-the-secret", wrong.Message, StringComparison.Ordinal);

        _venue.SetBalance("USDT", 1m);
        var poor = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("t-poor", "BTC/USDT", TradeAction.Buy, OrderType.Limit, 1m, 50_000m)));
        Assert.Equal((VenueErrorKind.Rejected, "BALANCE_NOT_ENOUGH"), (poor.Kind, poor.Code));

        _venue.Inject(VenueFault.RateLimit);
        var limited = await Assert.ThrowsAsync<VenueException>(() => Client().PlaceOrderAsync(new VenueOrderRequest("t-rl", "BTC/USDT", TradeAction.Sell, OrderType.Limit, 1m, 60_000m)));
        Assert.Equal((VenueErrorKind.RateLimited, TimeSpan.FromSeconds(1)), (limited.Kind, limited.RetryAfter));
        Assert.Equal(0, _venue.OrdersAccepted);
    }

    [Theory]
    [InlineData(VenueFault.AcceptThenDrop)]
    [InlineData(VenueFault.AcceptThen504)]
    [InlineData(VenueFault.SlowAck)]
    public async Task A_write_without_an_answer_is_unknown_and_the_order_is_found_by_client_id(VenueFault fault)
    {
        var c = Client(timeoutSeconds: 1);
        _venue.Inject(fault);
        var e = await Assert.ThrowsAsync<VenueException>(() => c.PlaceOrderAsync(new VenueOrderRequest("t-lost1", "BTC/USDT", TradeAction.Buy, OrderType.Market, 0.001m)));
        Assert.True(e.OutcomeUnknown, e.Message);
        var found = await c.FindByClientIdAsync("BTC/USDT", "t-lost1", DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(VenueOrderState.Filled, found!.State);
        Assert.Equal(1, _venue.PlacedByText["t-lost1"]);
    }

    [Fact]
    public async Task A_skewed_local_clock_is_corrected_by_the_server_time()
    {
        _venue.ClockSkew = TimeSpan.FromMinutes(5);
        var c = Client();
        Assert.NotEmpty(await c.GetBalancesAsync());
        Assert.InRange(c.Clock.Offset.TotalSeconds, 295, 305);
    }

    [Fact]
    public void Client_ids_fit_gate_io_text_deterministically()
    {
        Assert.Equal("t-manual-1", Client().FormatClientId("manual-1"));
        var hashed = Client().FormatClientId("ly0123456789abcdef0123456789abcd");
        Assert.Matches("^t-[0-9a-f]{28}$", hashed);
        Assert.Equal(hashed, Client().FormatClientId("ly0123456789abcdef0123456789abcd"));
        Assert.NotEqual(hashed, Client().FormatClientId("ly0123456789abcdef0123456789abce"));
        Assert.Matches("^t-[0-9a-f]{28}$", Client().FormatClientId("has spaces"));
    }
}
