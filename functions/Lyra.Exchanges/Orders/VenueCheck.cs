namespace Lyra.Exchanges.Orders;

/// <summary>What a venue answered to a health check.</summary>
/// <param name="Reachable">False when it could not be reached at all.</param>
/// <param name="Tradable">Markets it can trade now.</param>
/// <param name="Detail">What was checked and found.</param>
public sealed record VenueCheck(bool Reachable, IReadOnlyList<string> Tradable, string Detail);
