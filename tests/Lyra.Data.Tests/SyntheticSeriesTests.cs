using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Testing;

namespace Lyra.Data.Tests;

public sealed class SyntheticSeriesTests
{
    [Fact]
    public void Same_seed_gives_the_same_valid_series_and_another_seed_differs()
    {
        var a = SyntheticSeries.Generate(2000, 5, Timeframe.OneMinute, TestCandles.Start);
        var b = SyntheticSeries.Generate(2000, 5, Timeframe.OneMinute, TestCandles.Start);
        var c = SyntheticSeries.Generate(2000, 6, Timeframe.OneMinute, TestCandles.Start);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(x => x.Close), c.Select(x => x.Close));
        Assert.All(a, x => Assert.Null(x.Problem()));
        Assert.All(a.Zip(a.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(1), p.Second.OpenTime - p.First.OpenTime));
    }

    [Fact]
    public void Volatility_clusters_absolute_returns_are_autocorrelated()
    {
        var s = SyntheticSeries.Generate(20_000, 11, Timeframe.OneMinute, TestCandles.Start);
        var r = s.Zip(s.Skip(1), (x, y) => Math.Abs(Math.Log((double)y.Close / (double)x.Close))).ToArray();
        var mean = r.Average();
        double num = 0, den = 0;
        for (var i = 1; i < r.Length; i++) num += (r[i] - mean) * (r[i - 1] - mean);
        for (var i = 0; i < r.Length; i++) den += (r[i] - mean) * (r[i] - mean);
        // An i.i.d. walk gives ~0; GARCH-style clustering gives a clearly positive lag-1 autocorrelation.
        Assert.True(num / den > 0.05, $"lag-1 autocorrelation of |returns| was {num / den:F3}");
    }

    [Fact]
    public async Task Replay_source_serves_only_candles_closed_at_now()
    {
        var candles = TestCandles.FromCloses([1m, 2m, 3m, 4m, 5m]);
        var source = new ReplayMarketDataSource(candles, Timeframe.OneMinute);
        var market = Market.Parse("replay:BTCUSDT:1m");
        // At 00:02:30 the 00:00 and 00:01 candles are closed; 00:02 is still open.
        var now = TestCandles.Start.AddMinutes(2.5);
        var all = await source.GetClosedCandlesAsync(market, null, now, 100);
        Assert.Equal([1m, 2m], all.Select(c => c.Close));
        var after = await source.GetClosedCandlesAsync(market, TestCandles.Start, TestCandles.Start.AddMinutes(5), 100);
        Assert.Equal([2m, 3m, 4m, 5m], after.Select(c => c.Close));
        var capped = await source.GetClosedCandlesAsync(market, null, TestCandles.Start.AddMinutes(5), 2);
        Assert.Equal([4m, 5m], capped.Select(c => c.Close));
    }
}
