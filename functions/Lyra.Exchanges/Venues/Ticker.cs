namespace Lyra.Exchanges.Venues;

/// <summary>A venue's latest prices of one pair.</summary>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Last">Last traded price.</param>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask.</param>
/// <param name="BaseVolume24h">Base volume over 24 hours.</param>
/// <param name="Time">When the venue produced it (the client's receive time when the venue sends none).</param>
public sealed record Ticker(string Symbol, decimal Last, decimal Bid, decimal Ask, decimal BaseVolume24h, DateTimeOffset Time);
