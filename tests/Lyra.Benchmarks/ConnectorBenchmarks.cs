using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Core.Trading;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Venues;
using Lyra.Testing.Venues;

namespace Lyra.Benchmarks;

/// <summary>
/// Placing a limit order through the Gate.io connector (limits, circuit breaker, signing, parsing into a normalized
/// order) against a raw HttpClient POST of the same signed request to the same loopback fake (target: at most 1.2×).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 5, iterationCount: 30)]
[MemoryDiagnoser]
public class ConnectorBenchmarks
{
    private FakeGateIoServer _venue = null!;
    private HttpClient _http = null!;
    private GateIoClient _client = null!;
    private int _n;

    /// <summary>Starts the fake and warms the instrument cache.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _venue = FakeGateIoServer.StartAsync().GetAwaiter().GetResult();
        _venue.SetBalance("BTC", 1_000_000m);
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
        _client = new GateIoClient(_http, new VenueOptions
        {
            ApiKey = FakeGateIoServer.ApiKey, ApiSecret = FakeGateIoServer.ApiSecret, OrdersPerSecond = 1_000_000, RequestsPerSecond = 1_000_000,
        }, TimeProvider.System);
        _client.GetInstrumentsAsync().GetAwaiter().GetResult();
        _client.GetBalancesAsync().GetAwaiter().GetResult(); // syncs the clock
    }

    /// <summary>Stops the fake.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _venue.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The same request, signed and POSTed with HttpClient; the answer read as text.</summary>
    [Benchmark(Baseline = true)]
    public async Task<string> RawPost()
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["text"] = "t-raw" + Interlocked.Increment(ref _n), ["currency_pair"] = "BTC_USDT", ["type"] = "limit", ["account"] = "spot", ["side"] = "sell",
            ["amount"] = "0.001", ["price"] = "90000", ["time_in_force"] = "gtc",
        });
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "spot/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("KEY", FakeGateIoServer.ApiKey);
        request.Headers.Add("Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("SIGN", GateIoSigner.Sign(FakeGateIoServer.ApiSecret, "POST", "/api/v4/spot/orders", "", body, ts));
        using var response = await _http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The connector's PlaceOrderAsync.</summary>
    [Benchmark]
    public Task<VenueOrder> Connector() =>
        _client.PlaceOrderAsync(new VenueOrderRequest("t-c" + Interlocked.Increment(ref _n), "BTC/USDT", TradeAction.Sell, OrderType.Limit, 0.001m, 90_000m));
}
