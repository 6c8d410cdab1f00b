using Lyra.Core.Trading;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Venues;
using Lyra.Testing.Venues;

namespace Lyra.Exchanges.Tests.Venues;

/// <summary>Limits and resilience of a venue, against the Gate.io fake.</summary>
public sealed class VenueGuardTests : IAsyncLifetime
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

    private GateIoClient Client(double requestsPerSecond = 1000) => new(_http, new VenueOptions
    {
        ApiKey = FakeGateIoServer.ApiKey, ApiSecret = FakeGateIoServer.ApiSecret, TimeoutSeconds = 2, RequestsPerSecond = requestsPerSecond, OrdersPerSecond = 1000,
    }, TimeProvider.System);

    private int Count(string prefix) => _venue.Requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task A_read_that_fails_transiently_is_retried()
    {
        var c = Client();
        _venue.FailNext(2);
        var t = await c.GetTickerAsync("BTC/USDT");
        Assert.Equal(50_000m, t.Bid);
        Assert.Equal(3, Count("GET /spot/tickers"));
    }

    [Fact]
    public async Task An_order_is_never_retried_by_the_guard()
    {
        var c = Client();
        await c.GetInstrumentsAsync();
        _venue.Inject(VenueFault.UnavailableBeforeAccept);
        var e = await Assert.ThrowsAsync<VenueException>(() => c.PlaceOrderAsync(new VenueOrderRequest("t-once", "BTC/USDT", TradeAction.Sell, OrderType.Limit, 1m, 60_000m)));
        Assert.Equal(VenueErrorKind.Unknown, e.Kind);
        Assert.Equal(1, Count("POST /spot/orders"));
    }

    [Fact]
    public async Task A_venue_that_keeps_failing_is_not_called_while_the_circuit_is_open()
    {
        var c = Client();
        _venue.FailNext(1000);
        for (var i = 0; i < 5; i++) await Assert.ThrowsAsync<VenueException>(() => c.GetTickerAsync("BTC/USDT"));
        var seen = _venue.Requests.Count;
        var open = await Assert.ThrowsAsync<VenueException>(() => c.GetTickerAsync("BTC/USDT"));
        Assert.Equal(("circuit_open", VenueErrorKind.RateLimited), (open.Code, open.Kind));
        Assert.Equal(seen, _venue.Requests.Count);
    }

    [Fact]
    public async Task A_429_pauses_the_venue_for_its_reset_time_and_the_read_then_succeeds()
    {
        var c = Client();
        _venue.RequestLimitPerSecond = 1;
        // Two at once: one is refused and waits for the reset (one retry); more would make the test a race against the clock.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => c.GetTickerAsync("BTC/USDT")));
        Assert.All(results, t => Assert.Equal(50_000m, t.Bid));
        Assert.True(_venue.LimitViolations >= 1, "the fake refused at least one request");
    }

    [Fact]
    public async Task Concurrent_requests_at_the_configured_rate_never_exceed_the_venues_limit()
    {
        var c = Client(requestsPerSecond: 40); // 4 per 100 ms: even 11 refills in one window stay under 50
        _venue.RequestLimitPerSecond = 50;
        await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => c.GetTickerAsync("BTC/USDT")));
        Assert.Equal(0, _venue.LimitViolations);
        Assert.True(c.Guard.Throttled > 0, "requests waited for the limiter");
    }
}
