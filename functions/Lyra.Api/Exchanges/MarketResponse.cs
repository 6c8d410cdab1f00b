using Lyra.Exchanges.Venues;

namespace Lyra.Api.Exchanges;

/// <summary>A pair on a venue now.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Price">Last traded price.</param>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask.</param>
/// <param name="Volume24h">Base volume over 24 hours.</param>
/// <param name="Timestamp">The venue's time of the ticker.</param>
/// <param name="Bids">Top of the bids, best first.</param>
/// <param name="Asks">Top of the asks, best first.</param>
public sealed record MarketResponse(string Venue, string Symbol, decimal Price, decimal Bid, decimal Ask, decimal Volume24h, DateTimeOffset Timestamp,
    IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks);
