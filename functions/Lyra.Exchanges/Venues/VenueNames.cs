using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Kraken;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.WhiteBit;

namespace Lyra.Exchanges.Venues;

/// <summary>The venues Lyra has connectors for, and their settings section.</summary>
public static class VenueNames
{
    /// <summary>Settings section: <c>Lyra:Exchanges:&lt;venue&gt;</c>.</summary>
    public const string Section = "Lyra:Exchanges";

    /// <summary>Venue ids with a trading connector.</summary>
    public static IReadOnlyList<string> Trading { get; } = [GateIoClient.Id, OkxClient.Id, WhiteBitClient.Id, KrakenClient.Id];

    /// <summary>The venue's default REST base address.</summary>
    public static string DefaultBaseUrl(string venue) => venue switch
    {
        GateIoClient.Id => GateIoClient.DefaultBaseUrl,
        OkxClient.Id => OkxClient.DefaultBaseUrl,
        KrakenClient.Id => KrakenClient.DefaultBaseUrl,
        WhiteBitClient.Id => WhiteBitClient.DefaultBaseUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "no connector"),
    };
}
