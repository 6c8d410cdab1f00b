using Lyra.Data.Candles;
using Lyra.Data.Markets;

namespace Lyra.Data.Sources;

/// <summary>Where the collector gets candles from: a replay file, a synthetic series or an exchange's public API.</summary>
public interface IMarketDataSource
{
    /// <summary>Short name for logs and health (<c>replay</c>, <c>binance</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Returns the candles of <paramref name="market"/> that are closed at <paramref name="now"/> and open after
    /// <paramref name="after"/> (all available history up to <paramref name="maxCandles"/> when null), oldest first.
    /// </summary>
    Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default);
}
