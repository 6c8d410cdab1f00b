namespace Lyra.Exchanges.Venues;

/// <summary>What an account holds of one asset.</summary>
/// <param name="Asset">Normalized asset code (<c>BTC</c>, not <c>XXBT</c>).</param>
/// <param name="Available">Free to trade.</param>
/// <param name="Locked">Held by open orders.</param>
public sealed record AssetBalance(string Asset, decimal Available, decimal Locked)
{
    /// <summary>Available plus locked.</summary>
    public decimal Total => Available + Locked;
}
