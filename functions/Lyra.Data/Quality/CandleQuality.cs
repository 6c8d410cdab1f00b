using System.Globalization;
using Lyra.Data.Candles;
using Lyra.Data.Markets;

namespace Lyra.Data.Quality;

/// <summary>How complete and sound a market's stored candles are over a period.</summary>
/// <param name="Market">Market key.</param>
/// <param name="From">Start of the period looked at.</param>
/// <param name="Candles">Candles stored in the period.</param>
/// <param name="First">Oldest of them.</param>
/// <param name="Last">Newest of them.</param>
/// <param name="Expected">Slots of the timeframe between the first and the last (what a complete series holds).</param>
/// <param name="Missing">Slots without a candle.</param>
/// <param name="Gaps">Runs of missing slots.</param>
/// <param name="LargestGap">Longest run, as time.</param>
/// <param name="GapExamples">The first few runs, <c>after → before (n missing)</c>.</param>
/// <param name="Invalid">Candles whose prices contradict each other (high below close, non-positive prices...).</param>
/// <param name="InvalidExamples">The first few, with what is wrong.</param>
/// <param name="OffGrid">Candles whose open time is not on the timeframe's grid.</param>
/// <param name="Age">How long ago the newest candle closed.</param>
/// <param name="Stale">True when no candle closed in the last two intervals (the collector is behind or stopped).</param>
public sealed record CandleQualityReport(string Market, DateTimeOffset From, int Candles, DateTimeOffset? First, DateTimeOffset? Last, long Expected, long Missing,
    int Gaps, TimeSpan LargestGap, IReadOnlyList<string> GapExamples, int Invalid, IReadOnlyList<string> InvalidExamples, int OffGrid, TimeSpan? Age, bool Stale);

/// <summary>Assesses stored candles: gaps, inconsistent prices, times off the grid, freshness.</summary>
public static class CandleQuality
{
    private const int Examples = 5;

    /// <summary>The report of <paramref name="candles"/> (oldest first) of <paramref name="market"/> since <paramref name="from"/>, at <paramref name="now"/>.</summary>
    public static CandleQualityReport Assess(Market market, IReadOnlyList<Candle> candles, DateTimeOffset from, DateTimeOffset now)
    {
        var tf = market.Timeframe.Duration;
        int gaps = 0, invalid = 0, offGrid = 0;
        long missing = 0;
        var largest = TimeSpan.Zero;
        var gapExamples = new List<string>();
        var invalidExamples = new List<string>();
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            if (c.Problem() is { } problem && invalid++ < Examples) invalidExamples.Add($"{Stamp(c.OpenTime)}: {problem}");
            if (market.Timeframe.Floor(c.OpenTime) != c.OpenTime) offGrid++;
            if (i == 0) continue;
            var step = c.OpenTime - candles[i - 1].OpenTime;
            if (step <= tf) continue;
            var absent = (step.Ticks / tf.Ticks) - 1;
            if (absent <= 0) continue;
            gaps++;
            missing += absent;
            if (step - tf > largest) largest = step - tf;
            if (gapExamples.Count < Examples) gapExamples.Add(string.Create(CultureInfo.InvariantCulture, $"{Stamp(candles[i - 1].OpenTime)} → {Stamp(c.OpenTime)} ({absent} missing)"));
        }

        DateTimeOffset? first = candles.Count > 0 ? candles[0].OpenTime : null, last = candles.Count > 0 ? candles[^1].OpenTime : null;
        var expected = first is { } f && last is { } l ? ((l - f).Ticks / tf.Ticks) + 1 : 0;
        TimeSpan? age = last is { } newest ? now - (newest + tf) : null;
        return new CandleQualityReport(market.Key, from, candles.Count, first, last, expected, missing, gaps, largest, gapExamples, invalid, invalidExamples, offGrid,
            age, age is null || age > tf * 2);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
