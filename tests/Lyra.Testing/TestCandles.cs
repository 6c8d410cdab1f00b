using Lyra.Data.Candles;

namespace Lyra.Testing;

/// <summary>Builders of candle series for tests.</summary>
public static class TestCandles
{
    /// <summary>The start time used by default: 2024-01-01 00:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One-minute candles whose closes are <paramref name="closes"/>; open = previous close, high/low 0.1 % around.</summary>
    public static IReadOnlyList<Candle> FromCloses(IReadOnlyList<decimal> closes, DateTimeOffset? start = null, TimeSpan? step = null)
    {
        var t0 = start ?? Start;
        var dt = step ?? TimeSpan.FromMinutes(1);
        var list = new List<Candle>(closes.Count);
        for (var i = 0; i < closes.Count; i++)
        {
            var open = i == 0 ? closes[0] : closes[i - 1];
            var close = closes[i];
            var high = Math.Max(open, close) * 1.001m;
            var low = Math.Min(open, close) * 0.999m;
            list.Add(new Candle(t0 + (dt * i), open, Math.Round(high, 8), Math.Round(low, 8), close, 1m + i));
        }

        return list;
    }

    /// <summary>Closes whose last bar is exactly a golden cross of SMA(10)/SMA(30), found with the strategy itself.</summary>
    public static IReadOnlyList<decimal> SmaCrossAtLastBar()
    {
        var closes = VShape(down: 60, up: 60);
        var series = Data.Candles.CandleSeries.From(FromCloses(closes));
        var strategy = new Strategies.Strategies.MovingAverageCrossStrategy(10, 30);
        var i = Enumerable.Range(0, series.Count).First(k => Strategies.Strategies.StrategyExtensions.Evaluate(strategy, series, k).Action == Core.Trading.TradeAction.Buy);
        return closes.Take(i + 1).ToList();
    }

    /// <summary>A series that falls for <paramref name="down"/> bars then rises for <paramref name="up"/> bars: a golden cross near the end.</summary>
    public static IReadOnlyList<decimal> VShape(int down, int up, decimal start = 100m, decimal step = 0.5m)
    {
        var list = new List<decimal>();
        var p = start;
        for (var i = 0; i < down; i++) { list.Add(p); p -= step; }
        for (var i = 0; i < up; i++) { list.Add(p); p += step; }
        return list;
    }
}
