using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lyra.Exchanges.Venues;

/// <summary>An answer from a venue: status, body and the headers that matter for limits.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Body text.</param>
/// <param name="RetryAfter">From <c>Retry-After</c>, when sent.</param>
/// <param name="Headers">Response headers.</param>
public sealed record VenueResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, HttpResponseHeaders Headers)
{
    /// <summary>True for 2xx.</summary>
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>The body as JSON.</summary>
    /// <exception cref="VenueException">Not JSON (<see cref="VenueErrorKind.BadResponse"/>).</exception>
    public JsonDocument Json(string venue)
    {
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException e)
        {
            throw new VenueException(venue, VenueErrorKind.BadResponse, "answered with something that is not JSON: " + Clip(Body), (int)Status, inner: e);
        }
    }

    /// <summary>At most 200 characters of <paramref name="text"/> for an error message.</summary>
    public static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

/// <summary>
/// Sends a venue's requests under its <see cref="VenueGuard"/> (rate limits, pause after a 429, retries of reads, circuit
/// breaker) with a per-request timeout. A transport failure is a <see cref="VenueException"/> of kind
/// <see cref="VenueErrorKind.Unknown"/> (a write that got no answer may have happened); an answer that is an error (a
/// non-2xx, or OKX's <c>code</c> other than 0 in a 200) is turned into one by the venue's own reader.
/// </summary>
/// <param name="http">The client (its base address is the venue's).</param>
/// <param name="venue">Venue id.</param>
/// <param name="timeout">Per-request timeout.</param>
/// <param name="guard">The venue's guard.</param>
/// <param name="errorOf">The error an answer carries, or null when it is a success.</param>
public sealed class VenueHttp(HttpClient http, string venue, TimeSpan timeout, VenueGuard guard, Func<VenueResponse, VenueException?> errorOf)
{
    /// <summary>The client (its base address is the venue's).</summary>
    public HttpClient Client => http;

    /// <summary>The venue's guard.</summary>
    public VenueGuard Guard => guard;

    /// <summary>Builds (again for each attempt: a signature carries the time) and sends a request; returns a 2xx answer.</summary>
    public Task<VenueResponse> SendAsync(Func<HttpRequestMessage> build, RequestKind kind, CancellationToken cancellationToken) =>
        guard.RunAsync(kind, async ct =>
        {
            using var request = build();
            var response = await SendOnceAsync(request, ct);
            return errorOf(response) is { } error ? throw error : response;
        }, cancellationToken);

    private async Task<VenueResponse> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var retry = response.Headers.RetryAfter is { } ra ? ra.Delta ?? (ra.Date - DateTimeOffset.UtcNow) : null;
            return new VenueResponse(response.StatusCode, body, retry, response.Headers);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VenueException(venue, VenueErrorKind.Unknown, $"no answer to {request.Method} {request.RequestUri?.AbsolutePath} within {timeout.TotalSeconds:0.#} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new VenueException(venue, VenueErrorKind.Unknown, $"{request.Method} {request.RequestUri?.AbsolutePath} failed: {e.Message}", inner: e);
        }
    }
}
