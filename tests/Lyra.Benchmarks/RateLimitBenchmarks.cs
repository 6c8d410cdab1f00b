using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Venues;
using Lyra.Testing.Venues;

namespace Lyra.Benchmarks;

/// <summary>
/// 1,000 concurrent ticker reads through one Gate.io connector limited to 180 requests per second, against the fake
/// enforcing 200 per second in fixed one-second windows (429 beyond). Reported after the run: the fake's limit
/// violations (target 0) and how many requests waited for the limiter.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class RateLimitBenchmarks
{
    private FakeGateIoServer _venue = null!;
    private HttpClient _http = null!;
    private GateIoClient _client = null!;

    /// <summary>Starts the fake with its limit on.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _venue = FakeGateIoServer.StartAsync().GetAwaiter().GetResult();
        _http = new HttpClient { BaseAddress = _venue.BaseAddress };
        _client = new GateIoClient(_http, new VenueOptions { RequestsPerSecond = 180 }, TimeProvider.System);
        _venue.RequestLimitPerSecond = 200;
    }

    /// <summary>Prints the counts.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// rate limit: {_venue.Requests.Count} requests reached the fake, {_venue.LimitViolations} limit violations, {_client.Guard.Throttled} waited for a token");
        _http.Dispose();
        _venue.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>1,000 reads at once.</summary>
    [Benchmark]
    public Task ThousandConcurrentReads() => Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => _client.GetTickerAsync("BTC_USDT")));
}
