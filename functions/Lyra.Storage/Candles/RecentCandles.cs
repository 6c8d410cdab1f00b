using Lyra.Data.Candles;

namespace Lyra.Storage.Candles;

/// <summary>
/// The recent candles of each market in memory, as one span [From, Through] known to hold every stored candle in it.
/// The span grows when this process writes candles right after it (nobody else wrote past it) or reads a range from
/// the table; it keeps at most <see cref="Capacity"/> candles, dropping the oldest. Another process appending newer
/// candles leaves the span correct (it only ends earlier than the table), so a read past it goes to the table.
/// </summary>
internal sealed class RecentCandles
{
    /// <summary>Most candles kept per market.</summary>
    public const int Capacity = 10_000;

    private readonly Dictionary<string, Span> _markets = new(StringComparer.Ordinal);

    /// <summary>The candles in [from, to] when the span covers that range; null otherwise.</summary>
    public IReadOnlyList<Candle>? TryGet(string market, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_markets)
        {
            if (!_markets.TryGetValue(market, out var s) || from < s.From || to > s.Through) return null;
            var lo = LowerBound(s.Candles, from);
            var hi = LowerBound(s.Candles, to.AddTicks(1));
            return s.Candles.GetRange(lo, hi - lo);
        }
    }

    /// <summary>A table read returned every candle in [from, to].</summary>
    public void Loaded(string market, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Candle> candles)
    {
        lock (_markets)
        {
            // Spans that overlap or touch join into one; a gap between them would be a range nobody read.
            if (_markets.TryGetValue(market, out var s) && from <= s.Through.AddTicks(1) && to >= s.From.AddTicks(-1))
            {
                Merge(s, candles);
                s.From = from < s.From ? from : s.From;
                s.Through = to > s.Through ? to : s.Through;
            }
            else
            {
                s = new Span { From = from, Through = to };
                Merge(s, candles);
                _markets[market] = s;
            }

            Trim(s);
        }
    }

    /// <summary>
    /// This process wrote <paramref name="candles"/>; <paramref name="previousLatest"/> was the newest stored candle before.
    /// Written candles inside the span replace or fill it; newer ones extend it only when it reached the previous newest candle.
    /// </summary>
    public void Written(string market, IReadOnlyList<Candle> candles, DateTimeOffset? previousLatest)
    {
        lock (_markets)
        {
            if (!_markets.TryGetValue(market, out var s)) return;
            var newest = s.Through;
            foreach (var c in candles) if (c.OpenTime > newest) newest = c.OpenTime;
            var extends = previousLatest is null || s.Through >= previousLatest.Value;
            var through = extends ? newest : s.Through;
            Merge(s, [.. candles.Where(c => c.OpenTime >= s.From && c.OpenTime <= through)]);
            s.Through = through;
            Trim(s);
        }
    }

    private static void Merge(Span s, IReadOnlyList<Candle> candles)
    {
        foreach (var c in candles)
        {
            var i = LowerBound(s.Candles, c.OpenTime);
            if (i < s.Candles.Count && s.Candles[i].OpenTime == c.OpenTime) s.Candles[i] = c;
            else s.Candles.Insert(i, c);
        }
    }

    private static void Trim(Span s)
    {
        if (s.Candles.Count <= Capacity) return;
        var drop = s.Candles.Count - Capacity;
        s.Candles.RemoveRange(0, drop);
        s.From = s.Candles[0].OpenTime;
    }

    private static int LowerBound(List<Candle> list, DateTimeOffset time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].OpenTime < time) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private sealed class Span
    {
        public DateTimeOffset From { get; set; }
        public DateTimeOffset Through { get; set; }
        public List<Candle> Candles { get; } = [];
    }
}
