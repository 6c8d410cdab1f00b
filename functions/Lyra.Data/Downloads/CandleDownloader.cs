using System.Globalization;
using System.Text;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;

namespace Lyra.Data.Downloads;

/// <summary>
/// Downloads a market's closed candles between two times into the OHLCV CSV that <c>lyra backtest</c> reads. The source
/// pages within its venue's limits; this writes chunk by chunk and flushes each, so an interrupted download leaves a
/// valid file that the same call resumes after its last candle (a torn last line is cut off first). Every candle is
/// checked before it is written (ascending, on the timeframe's grid, inside the range, consistent prices); a bad one stops
/// the download with what and where, and nothing of its chunk is written. Transient errors (rate limits, 5xx, network)
/// are retried with a growing pause.
/// </summary>
public sealed class CandleDownloader(IMarketDataSource source, TimeProvider time)
{
    /// <summary>Candles asked per chunk (the source splits it into the venue's pages).</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>Retries of a chunk after a transient error.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Pause before the first retry; doubled for each next one (a venue's Retry-After wins when longer).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Downloads <paramref name="market"/>'s candles opening in [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="path"/>.</summary>
    /// <exception cref="ValidationException">The range is empty, or the file is not one this wrote.</exception>
    /// <exception cref="DataFormatException">The venue sent a candle that fails the checks.</exception>
    public async Task<DownloadResult> DownloadAsync(Market market, DateTimeOffset from, DateTimeOffset to, string path, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var tf = market.Timeframe;
        from = tf.Floor(from);
        var now = time.GetUtcNow();
        var end = to < now ? to : now;
        if (end <= from) throw new ValidationException("--to", $"nothing to download: {Stamp(from)} is not before {Stamp(end)}{(to > now ? " (now)" : "")}");
        var expected = (long)((end - from).Ticks / tf.Duration.Ticks);

        var (last, resumed) = await PrepareAsync(path, cancellationToken);
        if (last is { } l && l < from - tf.Duration)
        {
            throw new ValidationException("--from", $"{path} ends at {Stamp(l)}, before --from {Stamp(from)}: resume the same range or write a new file");
        }

        var added = 0;
        var requests = 0;
        await using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            if (file.Length == 0) await WriteAsync(file, CandleCsv.Header + "\n", cancellationToken);
            var after = last ?? from.AddMilliseconds(-1);
            progress?.Report(new DownloadProgress(resumed, expected, last));
            while (after + tf.Duration < end)
            {
                requests++;
                var chunk = await FetchAsync(market, after, end, cancellationToken);
                if (chunk.Count == 0) break;
                var text = new StringBuilder(chunk.Count * 64);
                var previous = last;
                var line = resumed + added + 1; // the header is line 1
                foreach (var c in chunk)
                {
                    Check(market, c, previous, from, end, Path.GetFileName(path), ++line);
                    text.Append(CandleCsv.Row(c)).Append('\n');
                    previous = c.OpenTime;
                }

                await WriteAsync(file, text.ToString(), cancellationToken);
                added += chunk.Count;
                last = chunk[^1].OpenTime;
                after = last.Value;
                progress?.Report(new DownloadProgress(resumed + added, expected, last));
            }
        }

        var (candles, quality) = await CandleFileLoader.LoadAsync(path, RepairPolicy.None, cancellationToken);
        return new DownloadResult(path, resumed, added, requests, quality, candles.Count > 0 ? candles[0].OpenTime : null, candles.Count > 0 ? candles[^1].OpenTime : null);
    }

    // The last candle already in the file and how many there are; a torn last line (an interrupted write) is cut off.
    private static async Task<(DateTimeOffset? Last, int Count)> PrepareAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return (null, 0);
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var keep = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (keep < bytes.Length)
        {
            await using var trim = new FileStream(path, FileMode.Open, FileAccess.Write);
            trim.SetLength(keep);
        }

        var lines = Encoding.UTF8.GetString(bytes, 0, keep).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != CandleCsv.Header)
        {
            throw new ValidationException("--out", $"{path} exists and is not a download of lyra data download (first line is not '{CandleCsv.Header}'); choose a new file");
        }

        if (lines.Length == 1) return (null, 0);
        return CandleCsv.TimeOf(lines[^1]) is { } t
            ? (t, lines.Length - 1)
            : throw new DataFormatException(Path.GetFileName(path), lines.Length, "last line is not a candle written by lyra data download; choose a new file");
    }

    private async Task<IReadOnlyList<Candle>> FetchAsync(Market market, DateTimeOffset after, DateTimeOffset end, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await source.GetClosedCandlesAsync(market, after, end, ChunkSize, ct);
            }
            catch (Exception e) when (attempt < Retries && Transient(e) is { } wait)
            {
                var backoff = RetryDelay * Math.Pow(2, attempt);
                await Task.Delay(wait > backoff ? wait : backoff, time, ct);
            }
        }
    }

    // How long a venue asked to wait, or zero for a transient error; null when retrying cannot help.
    private static TimeSpan? Transient(Exception e) => e switch
    {
        LyraException { ErrorCode: ErrorCodes.RateLimited or ErrorCodes.DependencyUnavailable } l => l.RetryAfter ?? TimeSpan.Zero,
        HttpRequestException or IOException => TimeSpan.Zero,
        TaskCanceledException when e.InnerException is TimeoutException => TimeSpan.Zero,
        _ => null,
    };

    // A bad candle is named by the file line it would have taken.
    private void Check(Market market, Candle c, DateTimeOffset? previous, DateTimeOffset from, DateTimeOffset end, string file, int line)
    {
        string? problem = null;
        if (previous is { } p && c.OpenTime <= p) problem = $"not after the previous candle {Stamp(p)}";
        else if (market.Timeframe.Floor(c.OpenTime) != c.OpenTime) problem = $"not on the {market.Timeframe} grid";
        else if (c.OpenTime < from || c.OpenTime + market.Timeframe.Duration > end) problem = $"outside the asked range {Stamp(from)} .. {Stamp(end)}";
        else problem = c.Problem();
        if (problem is not null)
        {
            throw new DataFormatException(file, line, $"{source.Name} sent a bad {market.Key} candle at {Stamp(c.OpenTime)}: {problem}; nothing of its chunk was written");
        }
    }

    private static Task WriteAsync(FileStream file, string text, CancellationToken ct) => WriteAndFlushAsync(file, Encoding.UTF8.GetBytes(text), ct);

    private static async Task WriteAndFlushAsync(FileStream file, byte[] bytes, CancellationToken ct)
    {
        await file.WriteAsync(bytes, ct);
        await file.FlushAsync(ct);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
