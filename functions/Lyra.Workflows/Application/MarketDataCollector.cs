using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Data.Updates;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>What one collection run did for one market.</summary>
/// <param name="Market">Market key.</param>
/// <param name="NewCandles">Closed candles stored in this run.</param>
/// <param name="Latest">Open time of the newest stored candle.</param>
/// <param name="Error">Why the market failed, when it did (the others still run).</param>
public sealed record CollectResult(string Market, int NewCandles, DateTimeOffset? Latest, string? Error = null);

/// <summary>
/// The <c>CollectMarketData</c> timer's work: for each configured market, fetch the closed candles after the newest stored
/// one, upsert them, and enqueue one <see cref="MarketUpdate"/>. A failing market is reported and does not stop the others.
/// </summary>
public sealed partial class MarketDataCollector(
    IMarketDataSource source, ICandleStore candles, IMarketUpdatePublisher publisher,
    IOptions<CollectOptions> options, TimeProvider time, ILogger<MarketDataCollector> logger)
{
    /// <summary>Runs one collection over all markets.</summary>
    public async Task<IReadOnlyList<CollectResult>> CollectAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<CollectResult>();
        var now = time.GetUtcNow();
        foreach (var key in options.Value.Markets)
        {
            var market = Market.Parse(key);
            try
            {
                var latest = await candles.GetLatestTimeAsync(market, cancellationToken);
                var fresh = await source.GetClosedCandlesAsync(market, latest, now, options.Value.MaxCandlesPerRun, cancellationToken);
                if (fresh.Count == 0)
                {
                    results.Add(new(market.Key, 0, latest));
                    continue;
                }

                await candles.AppendAsync(market, fresh, latest, cancellationToken);
                await publisher.PublishAsync(new MarketUpdate(market.Key, fresh[0].OpenTime, fresh[^1].OpenTime, fresh.Count), cancellationToken);
                LogCollected(logger, market.Key, fresh.Count, fresh[^1].OpenTime);
                results.Add(new(market.Key, fresh.Count, fresh[^1].OpenTime));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, market.Key);
                results.Add(new(market.Key, 0, null, e.Message));
            }
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collected {Count} candles of {Market} up to {Latest}")]
    private static partial void LogCollected(ILogger logger, string market, int count, DateTimeOffset latest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting {Market} failed")]
    private static partial void LogFailed(ILogger logger, Exception e, string market);
}
