using System.ClientModel.Primitives;
using System.Globalization;

namespace Lyra.Ai.OpenRouter;

/// <summary>
/// Reads the rate-limit headers of every response made with one key and rests the key before the provider has to
/// refuse it: <c>X-RateLimit-Remaining: 0</c> rests it until <c>X-RateLimit-Reset</c> (epoch milliseconds or seconds),
/// and a 429's <c>Retry-After</c> (seconds or an HTTP date) rests it for that long.
/// </summary>
internal sealed class RateLimitPolicy(ApiKeyPool keys, string key, TimeProvider time) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Inspect(message.Response);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Inspect(message.Response);
    }

    private void Inspect(PipelineResponse? response)
    {
        if (response is null) return;
        var wait = RestFor(response.Status, Header(response, "Retry-After"), Header(response, "X-RateLimit-Remaining"), Header(response, "X-RateLimit-Reset"), time.GetUtcNow());
        if (wait is { } w) keys.CoolDown(key, w);
    }

    private static string? Header(PipelineResponse response, string name) => response.Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>How long a key should rest after a response with these headers; null when it need not.</summary>
    internal static TimeSpan? RestFor(int status, string? retryAfter, string? remaining, string? reset, DateTimeOffset now)
    {
        if (status == 429 && retryAfter is not null)
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0) return TimeSpan.FromSeconds(s);
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return Positive(at - now);
        }

        var exhausted = remaining is not null && long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) && left <= 0;
        if ((exhausted || status == 429) && reset is not null && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r))
        {
            // Providers send the reset as epoch milliseconds (OpenRouter) or seconds; small numbers are a delay in seconds.
            var until = r > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(r)
                : r > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(r)
                : now + TimeSpan.FromSeconds(r);
            return Positive(until - now);
        }

        return null;
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(1);
}
