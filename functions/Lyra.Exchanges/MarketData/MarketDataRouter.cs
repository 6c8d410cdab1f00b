using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.MarketData;

/// <summary>
/// A market's exchange picks its candles: an enabled venue's markets (<c>gateio:BTC_USDT:1m</c>) come from that venue,
/// every other market from the configured source (Binance's public API or the replay).
/// </summary>
public sealed class MarketDataRouter(IMarketDataSource fallback, VenueRegistry venues) : IMarketDataSource
{
    private readonly Dictionary<string, VenueMarketDataSource> _sources = venues.Enabled.ToDictionary(v => v, v => new VenueMarketDataSource(venues.Client(v)!), StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => _sources.Count == 0 ? fallback.Name : $"{fallback.Name}+{string.Join('+', _sources.Keys)}";

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default) =>
        (_sources.TryGetValue(market.Exchange, out var venue) ? venue : fallback).GetClosedCandlesAsync(market, after, now, maxCandles, cancellationToken);
}
