using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.MarketData;

/// <summary>Closed candles from a venue's own candle endpoint, paged forward from the last stored one.</summary>
public sealed class VenueMarketDataSource(IVenueClient venue) : IMarketDataSource
{
    /// <summary>Candles asked per request.</summary>
    public const int PageSize = 500;

    /// <inheritdoc />
    public string Name => venue.Venue;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default)
    {
        var result = new List<Candle>();
        var from = after ?? now - (market.Timeframe.Duration * (maxCandles + 1));
        while (result.Count < maxCandles)
        {
            var page = await venue.GetCandlesAsync(market.Symbol, market.Timeframe, from, Math.Min(PageSize, maxCandles - result.Count), cancellationToken);
            foreach (var c in page)
            {
                if (c.OpenTime + market.Timeframe.Duration > now || result.Count >= maxCandles) break;
                result.Add(c);
            }

            if (page.Count == 0 || page[^1].OpenTime <= from) break;
            from = page[^1].OpenTime;
            if (from + market.Timeframe.Duration + market.Timeframe.Duration > now) break;
        }

        return result;
    }
}
