using Lyra.Exchanges.Live;

namespace Lyra.Exchanges.Venues;

/// <summary>The enabled venues: each one's connector and its live exchange, by venue id.</summary>
public sealed class VenueRegistry
{
    private readonly Dictionary<string, LiveExchange> _exchanges;

    /// <summary>Creates the registry from the enabled venues' live exchanges.</summary>
    public VenueRegistry(IEnumerable<LiveExchange> exchanges) =>
        _exchanges = exchanges.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The enabled venue ids.</summary>
    public IReadOnlyCollection<string> Enabled => _exchanges.Keys;

    /// <summary>The live exchange of an enabled venue, or null.</summary>
    public LiveExchange? Exchange(string venue) => _exchanges.GetValueOrDefault(venue);

    /// <summary>The connector of an enabled venue, or null.</summary>
    public IVenueClient? Client(string venue) => _exchanges.GetValueOrDefault(venue)?.Venue;
}
