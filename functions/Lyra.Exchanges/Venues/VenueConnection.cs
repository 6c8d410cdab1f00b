using System.Text.Json;

namespace Lyra.Exchanges.Venues;

/// <summary>
/// What every connector holds for its venue: the guarded HTTP sender, the venue's clock, the instrument cache, and the
/// two ways of calling (public, and signed with a resync of the clock when the venue calls the timestamp expired).
/// </summary>
public sealed class VenueConnection
{
    /// <summary>Creates the connection.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="http">The client (its base address is the venue's).</param>
    /// <param name="options">The venue's settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="ordersPerSecond">Default order rate (the setting wins).</param>
    /// <param name="requestsPerSecond">Default request rate (the setting wins).</param>
    /// <param name="errorOf">The error an answer carries, or null when it is a success.</param>
    public VenueConnection(string venue, HttpClient http, VenueOptions options, TimeProvider time, double ordersPerSecond, double requestsPerSecond,
        Func<VenueResponse, VenueException?> errorOf)
    {
        Venue = venue;
        Options = options;
        Time = time;
        Guard = new VenueGuard(venue, options.OrdersPerSecond ?? ordersPerSecond, options.RequestsPerSecond ?? requestsPerSecond, time);
        Http = new VenueHttp(http, venue, TimeSpan.FromSeconds(options.TimeoutSeconds), Guard, errorOf);
        Clock = new ServerClock(time);
        Instruments = new InstrumentCache(venue, time, TimeSpan.FromMinutes(options.InstrumentCacheMinutes));
    }

    /// <summary>Venue id.</summary>
    public string Venue { get; }

    /// <summary>The venue's settings.</summary>
    public VenueOptions Options { get; }

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Limits and resilience.</summary>
    public VenueGuard Guard { get; }

    /// <summary>The guarded sender.</summary>
    public VenueHttp Http { get; }

    /// <summary>The venue's clock (signatures carry it).</summary>
    public ServerClock Clock { get; }

    /// <summary>Pairs and their rules.</summary>
    public InstrumentCache Instruments { get; }

    /// <summary>A public GET, as JSON.</summary>
    public async Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        (await Http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), RequestKind.Read, cancellationToken)).Json(Venue);

    /// <summary>
    /// A signed request, as JSON. The clock is measured first if it never was; when the venue answers with
    /// <paramref name="expiredCode"/> (nothing was done), it is measured again and the request sent once more.
    /// </summary>
    /// <exception cref="VenueException">No key (<see cref="VenueErrorKind.Unauthorized"/>), or the venue's error.</exception>
    public async Task<JsonDocument> SendSignedAsync(Func<HttpRequestMessage> sign, RequestKind kind, string expiredCode,
        Func<CancellationToken, Task<DateTimeOffset>> serverTime, CancellationToken cancellationToken)
    {
        if (!Options.HasCredentials)
        {
            throw new VenueException(Venue, VenueErrorKind.Unauthorized, $"no API key: set {VenueNames.Section}:{Venue}:ApiKey and ApiSecret (lyra vault set)");
        }

        if (!Clock.Synced) await Clock.SyncAsync(serverTime, cancellationToken);
        try
        {
            return (await Http.SendAsync(sign, kind, cancellationToken)).Json(Venue);
        }
        catch (VenueException e) when (e.Code == expiredCode)
        {
            await Clock.SyncAsync(serverTime, cancellationToken);
            return (await Http.SendAsync(sign, kind, cancellationToken)).Json(Venue);
        }
    }
}
