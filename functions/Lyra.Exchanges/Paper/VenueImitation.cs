using Lyra.Core.Trading;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Paper;

/// <summary>How the paper exchange fills one order when it imitates a venue.</summary>
/// <param name="Price">Fill price: the venue's best ask for a buy, best bid for a sell, now.</param>
/// <param name="Quantity">The quantity rounded down to the venue's step.</param>
/// <param name="FeeRate">The venue's taker fee.</param>
/// <param name="RejectReason">Why the venue would refuse it (below its minimums, pair halted), or null.</param>
public sealed record PaperQuote(decimal Price, decimal Quantity, decimal FeeRate, string? RejectReason);

/// <summary>
/// The paper exchange imitating a real venue: the venue's live book top instead of the last candle close (up to a bar
/// old), its quantity step and minimums, its taker fee. Only the imitated venue's markets are quoted.
/// </summary>
public sealed class VenueImitation(IVenueClient venue)
{
    /// <summary>The venues' published base taker fees (spot, lowest tier).</summary>
    public static decimal TakerFee(string venueId) => venueId switch
    {
        GateIoClient.Id => 0.002m,
        OkxClient.Id => 0.001m,
        Kraken.KrakenClient.Id => 0.004m,
        WhiteBit.WhiteBitClient.Id => 0.001m,
        _ => 0.001m,
    };

    /// <summary>The venue imitated.</summary>
    public string Venue => venue.Venue;

    /// <summary>The imitated venue's ticker of <paramref name="marketKey"/>, or null when the market is not on that venue.</summary>
    public async Task<Ticker?> TickerAsync(string marketKey, CancellationToken cancellationToken = default)
    {
        var parts = marketKey.Split(':');
        if (parts.Length != 3 || parts[0] != venue.Venue) return null;
        var instrument = await venue.GetInstrumentAsync(parts[1], cancellationToken);
        return await venue.GetTickerAsync(instrument.VenueSymbol, cancellationToken);
    }

    /// <summary>The fill for <paramref name="request"/>, or null when its market is not on the imitated venue.</summary>
    public async Task<PaperQuote?> QuoteAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        var parts = request.MarketKey.Split(':');
        if (parts.Length != 3 || parts[0] != venue.Venue) return null;
        var instrument = await venue.GetInstrumentAsync(parts[1], cancellationToken);
        var ticker = await venue.GetTickerAsync(instrument.VenueSymbol, cancellationToken);
        var price = request.Side == TradeAction.Buy ? ticker.Ask : ticker.Bid;
        var quantity = instrument.RoundQuantity(request.Quantity);
        var reason = !instrument.Tradable ? $"{venue.Venue} has trading on {instrument.VenueSymbol} halted" : instrument.CheckMinimums(quantity, price);
        return new PaperQuote(price, quantity, TakerFee(venue.Venue), reason);
    }
}
