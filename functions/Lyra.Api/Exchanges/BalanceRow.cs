namespace Lyra.Api.Exchanges;

/// <summary>One asset on one venue.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Asset">Asset code.</param>
/// <param name="Available">Free to trade.</param>
/// <param name="Locked">Held by open orders.</param>
/// <param name="Total">Available plus locked.</param>
public sealed record BalanceRow(string Venue, string Asset, decimal Available, decimal Locked, decimal Total);
