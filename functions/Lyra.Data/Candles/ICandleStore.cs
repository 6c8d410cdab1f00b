using Lyra.Data.Markets;

namespace Lyra.Data.Candles;

/// <summary>Closed candles per market, in time order. Candles are immutable once closed: writing one again changes nothing.</summary>
public interface ICandleStore
{
    /// <summary>Upserts candles (any order) and advances the market's newest-candle marker; returns how many were written.</summary>
    Task<int> UpsertAsync(Market market, IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts candles when the caller has just read the newest stored candle's time (<paramref name="latestBefore"/>),
    /// which saves reading it again; otherwise as <see cref="UpsertAsync"/>.
    /// </summary>
    Task<int> AppendAsync(Market market, IReadOnlyList<Candle> candles, DateTimeOffset? latestBefore, CancellationToken cancellationToken = default);

    /// <summary>Open time of the newest stored candle of the market, or null when none is stored.</summary>
    Task<DateTimeOffset?> GetLatestTimeAsync(Market market, CancellationToken cancellationToken = default);

    /// <summary>Close of the newest stored candle of the market (its last known price), or null.</summary>
    Task<decimal?> GetLastCloseAsync(Market market, CancellationToken cancellationToken = default);

    /// <summary>Candles with open time in [from, to], oldest first.</summary>
    Task<IReadOnlyList<Candle>> GetRangeAsync(Market market, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="count"/> candles whose open time is at or before <paramref name="end"/>, oldest first.</summary>
    Task<IReadOnlyList<Candle>> GetWindowAsync(Market market, DateTimeOffset end, int count, CancellationToken cancellationToken = default);

    /// <summary>Number of stored candles of the market (reads the whole series: for reports, not for the hot path).</summary>
    Task<int> CountAsync(Market market, CancellationToken cancellationToken = default);
}
