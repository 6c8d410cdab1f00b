using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class PortfolioBacktesterTests
{
    [Fact]
    public void Portfolio_equity_is_the_sum_of_equal_shares_on_the_union_timeline()
    {
        var a = SyntheticSeries.GenerateSeries(600, 1, Timeframe.OneMinute, TestCandles.Start);
        var b = SyntheticSeries.GenerateSeries(400, 2, Timeframe.OneMinute, TestCandles.Start.AddMinutes(100)); // starts later
        var o = new BacktestOptions { Commission = 0.001 };
        var (p, legs) = PortfolioBacktester.Run(TestStrategies.BuiltIn, [("A", a), ("B", b)], "sma-cross", null, o);

        Assert.Equal(600, p.Equity.Length); // B's timestamps are inside A's
        var ra = Backtests.Run(TestStrategies.BuiltIn, a, "sma-cross", null, o with { Cash = 5_000 });
        var rb = Backtests.Run(TestStrategies.BuiltIn, b, "sma-cross", null, o with { Cash = 5_000 });
        Assert.Equal(ra.Equity[50] + 5_000, p.Equity[50], 9);            // B has not started: its cash counts
        Assert.Equal(ra.Equity[300] + rb.Equity[200], p.Equity[300], 9); // both running
        Assert.Equal(ra.Equity[^1] + rb.Equity[^1], p.Equity[^1], 9);
        Assert.Equal(ra.Trades.Count + rb.Trades.Count, p.Trades.Count);
        Assert.Equal(["A", "B"], legs.Select(l => l.Symbol));
        Assert.All(p.Trades, t => Assert.True(t.EntryBar >= 0 && t.ExitBar >= t.EntryBar));
    }
}
