using Lyra.Data.Candles;
using Lyra.Data.Markets;

namespace Lyra.Data.Sources;

/// <summary>
/// Serves a fixed candle history as if it were live: only candles whose close time has passed at "now" are
/// returned, so a replay clock running faster than real time feeds the collector as an exchange would.
/// The same history is served for every configured market.
/// </summary>
public sealed class ReplayMarketDataSource : IMarketDataSource
{
    private readonly IReadOnlyList<Candle> _candles;
    private readonly long[] _times;

    /// <summary>Creates a source over candles sorted by open time.</summary>
    public ReplayMarketDataSource(IReadOnlyList<Candle> candles, Timeframe timeframe)
    {
        if (candles.Count == 0) throw new ArgumentException("A replay needs at least one candle.", nameof(candles));
        _candles = candles;
        Timeframe = timeframe;
        _times = new long[candles.Count];
        for (var i = 0; i < candles.Count; i++) _times[i] = candles[i].OpenTime.ToUnixTimeMilliseconds();
    }

    /// <inheritdoc />
    public string Name => "replay";

    /// <summary>Interval of the replayed candles.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>Open time of the first candle.</summary>
    public DateTimeOffset First => _candles[0].OpenTime;

    /// <summary>Open time of the last candle.</summary>
    public DateTimeOffset Last => _candles[^1].OpenTime;

    /// <summary>Number of candles.</summary>
    public int Count => _candles.Count;

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default)
    {
        // Closed: open time + one interval <= now.
        var lastOpen = now.ToUnixTimeMilliseconds() - Timeframe.Milliseconds;
        var end = UpperBound(lastOpen); // exclusive
        var start = after is null ? Math.Max(0, end - maxCandles) : UpperBound(after.Value.ToUnixTimeMilliseconds());
        var count = Math.Clamp(end - start, 0, maxCandles);
        var result = new Candle[count];
        for (var i = 0; i < count; i++) result[i] = _candles[start + i];
        return Task.FromResult<IReadOnlyList<Candle>>(result);
    }

    private int UpperBound(long time)
    {
        var i = Array.BinarySearch(_times, time);
        return i >= 0 ? i + 1 : ~i;
    }
}
