using System.Diagnostics;
using System.Globalization;
using Lyra.Core.Health;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Data.Candles;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Health;

/// <summary>Market data is healthy when every market's newest candle is at most five intervals old.</summary>
public sealed class MarketDataHealthProbe(ICandleStore candles, IMarketDataSource source, IOptions<CollectOptions> collect, TimeProvider time) : IHealthProbe
{
    /// <inheritdoc />
    public string Module => "market_data";

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var now = time.GetUtcNow();
            var stale = new List<string>();
            foreach (var key in collect.Value.Markets)
            {
                var m = Market.Parse(key);
                var latest = await candles.GetLatestTimeAsync(m, cancellationToken);
                if (latest is null) stale.Add($"{m.Key}: no candles yet");
                else if (now - latest.Value > m.Timeframe.Duration * 6) stale.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Key}: newest candle {latest:O}"));
            }

            return stale.Count == 0
                ? new(Module, ModuleHealth.Healthy, $"{collect.Value.Markets.Count} market(s) current from {source.Name}", sw.Elapsed.TotalMilliseconds)
                : new(Module, ModuleHealth.Degraded, $"source {source.Name}; stale: " + string.Join("; ", stale), sw.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(Module, ModuleHealth.Unhealthy, "cannot read candles: " + e.GetType().Name, sw.Elapsed.TotalMilliseconds);
        }
    }
}
