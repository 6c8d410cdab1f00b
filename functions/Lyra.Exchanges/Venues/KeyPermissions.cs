namespace Lyra.Exchanges.Venues;

/// <summary>What an API key may do, as far as the venue reports it.</summary>
/// <param name="Known">False when the venue has no way to ask (then the other fields are false).</param>
/// <param name="CanTrade">It may place orders.</param>
/// <param name="CanWithdraw">It may move funds out: Lyra refuses such a key.</param>
/// <param name="Detail">What the venue said, in words.</param>
public sealed record KeyPermissions(bool Known, bool CanTrade, bool CanWithdraw, string Detail)
{
    /// <summary>The venue cannot be asked.</summary>
    public static KeyPermissions Unknown(string venue) => new(false, false, false, $"{venue} does not report an API key's permissions");
}
