using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Lyra.Exchanges.Venues;

/// <summary>What a request does, which decides how it may be guarded.</summary>
public enum RequestKind
{
    /// <summary>Reads nothing but state: may be retried (with jitter).</summary>
    Read = 0,
    /// <summary>Changes state (cancel): never retried here.</summary>
    Write = 1,
    /// <summary>Places an order: never retried here, and counted against the venue's order limit.</summary>
    Order = 2,
}

/// <summary>
/// One venue's limits and resilience, shared by all its requests: token buckets at the venue's published rates (orders
/// and other requests apart), a pause for everyone after a 429/418 for as long as the venue asks, retries with jitter for
/// reads only, and a circuit breaker that stops calling a venue that keeps failing (its state is per venue).
/// </summary>
public sealed class VenueGuard : IAsyncDisposable
{
    private readonly string _venue;
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _orders;
    private readonly TokenBucketRateLimiter _requests;
    private readonly ResiliencePipeline _breaker;
    private readonly ResiliencePipeline _retry;
    private long _pausedUntilTicks;

    /// <summary>Creates the guard.</summary>
    /// <param name="venue">Venue id (for messages).</param>
    /// <param name="ordersPerSecond">Order placements per second.</param>
    /// <param name="requestsPerSecond">Other requests per second.</param>
    /// <param name="time">Clock of waits.</param>
    public VenueGuard(string venue, double ordersPerSecond, double requestsPerSecond, TimeProvider time)
    {
        _venue = venue;
        _time = time;
        _orders = Bucket(ordersPerSecond);
        _requests = Bucket(requestsPerSecond);
        _breaker = new ResiliencePipelineBuilder { TimeProvider = time }.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = BreakDuration,
            ShouldHandle = new PredicateBuilder().Handle<VenueException>(e => e.Kind == VenueErrorKind.Unknown),
        }).Build();
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = new PredicateBuilder().Handle<VenueException>(e => e.Kind is VenueErrorKind.Unknown or VenueErrorKind.RateLimited),
            // A 429 says how long to wait; the shared pause holds every request that long anyway.
            DelayGenerator = a => ValueTask.FromResult(a.Outcome.Exception is VenueException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
        }).Build();
    }

    /// <summary>How long the breaker stays open.</summary>
    public static TimeSpan BreakDuration { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests that waited for a rate-limit token (for the benchmark and diagnostics).</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    private long _throttled;

    /// <summary>Runs <paramref name="call"/> under the venue's limits; reads are retried, writes never.</summary>
    public async Task<T> RunAsync<T>(RequestKind kind, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            if (kind != RequestKind.Read) return await _breaker.ExecuteAsync(async ct => await LimitedAsync(kind, call, ct), cancellationToken);
            return await _retry.ExecuteAsync(async ct => await _breaker.ExecuteAsync(async ct2 => await LimitedAsync(kind, call, ct2), ct), cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            // Nothing was sent: like a 429, the caller may try again later.
            throw new VenueException(_venue, VenueErrorKind.RateLimited, $"not called: the circuit is open after repeated failures (for up to {BreakDuration.TotalSeconds:0} s)",
                code: "circuit_open", retryAfter: e.RetryAfter ?? BreakDuration, inner: e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _orders.DisposeAsync();
        await _requests.DisposeAsync();
    }

    private async Task<T> LimitedAsync<T>(RequestKind kind, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var paused = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - _time.GetUtcNow();
        if (paused > TimeSpan.Zero) await Task.Delay(paused, _time, ct);
        var limiter = kind == RequestKind.Order ? _orders : _requests;
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref _throttled);
            using var waited = await limiter.AcquireAsync(1, ct);
            if (!waited.IsAcquired) throw new VenueException(_venue, VenueErrorKind.RateLimited, "too many requests queued for the venue's rate limit", code: "queue_full");
            return await CallAsync(call, ct);
        }

        return await CallAsync(call, ct);
    }

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.RateLimited && e.RetryAfter is { } wait)
        {
            // Everyone waits: the venue counts all of this key's (or this IP's) requests.
            var until = (_time.GetUtcNow() + wait).UtcTicks;
            long seen;
            do
            {
                seen = Interlocked.Read(ref _pausedUntilTicks);
            }
            while (until > seen && Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen) != seen);
            throw;
        }
    }

    private static TokenBucketRateLimiter Bucket(double perSecond)
    {
        // Refilled ten times a second with no burst beyond one refill, so no one-second window sees more than the rate.
        var perTick = Math.Max(1, (int)Math.Round(perSecond / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / perSecond),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
