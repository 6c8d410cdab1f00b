using Lyra.Data.Candles;
using Lyra.Strategies.Backtesting;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class GridBacktesterTests
{
    private static CandleSeries Bars(params (double O, double H, double L, double C)[] bars)
    {
        var n = bars.Length;
        var s = new CandleSeries(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            s.Time[i] = TestCandles.Start.AddHours(i).ToUnixTimeMilliseconds();
            (s.Open[i], s.High[i], s.Low[i], s.Close[i]) = bars[i];
        }

        return s;
    }

    [Fact]
    public void Levels_buy_on_the_way_down_sell_one_level_up_and_re_arm()
    {
        // Center 100, two levels 5 % apart: buys at 95 and 90, each with 5,000 of the 10,000.
        var s = Bars((100, 100, 100, 100), (100, 100, 94, 96), (96, 100.5, 96, 100), (100, 100, 89, 90), (90, 90, 90, 90));
        var r = Backtests.Run(TestStrategies.BuiltIn, s, "grid", new Dictionary<string, double> { ["levels"] = 2, ["spacing"] = 0.05 }, new BacktestOptions());

        Assert.Equal(3, r.Trades.Count);
        var first = r.Trades[0];
        Assert.Equal((1, 2, 95.0, ExitReason.TakeProfit), (first.EntryBar, first.ExitBar, first.EntryPrice, first.Exit));
        Assert.Equal(95 * 1.05, first.ExitPrice, 9);
        var q = 5000 / 95.0;
        Assert.Equal(q * 4.75, first.Pnl, 9);
        // Re-armed: level 1 buys 95 again at bar 3 (opens at 100), level 2 buys 90; both closed at the last close 90.
        Assert.Equal([(3, 95.0), (3, 90.0)], r.Trades.Skip(1).Select(t => (t.EntryBar, t.EntryPrice)).OrderByDescending(x => x.EntryPrice));
        Assert.Equal(10_000 + (q * 4.75) + (q * (90 - 95.0)), r.Equity[^1], 6);
    }

    [Fact]
    public void A_level_bought_in_a_bar_cannot_also_sell_in_it()
    {
        var s = Bars((100, 100, 100, 100), (100, 101, 94, 100), (99, 99.5, 98, 99.5)); // bar 1 spans 94..101; bar 2 stays under the 99.75 target
        var r = Backtests.Run(TestStrategies.BuiltIn, s, "grid", new Dictionary<string, double> { ["levels"] = 1, ["spacing"] = 0.05 }, new BacktestOptions { CloseAtEnd = false });
        Assert.Empty(r.Trades);
        Assert.Equal(10_000 + (10_000 / 95.0 * (99.5 - 95)), r.Equity[^1], 6);
    }

    [Fact]
    public void Grid_parameters_are_checked_and_it_is_not_a_live_signal_strategy()
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100));
        Assert.Equal("strategy.spacing", Assert.Throws<Core.Errors.ValidationException>(() => Backtests.Run(TestStrategies.BuiltIn, s, "grid", new Dictionary<string, double> { ["spacing"] = 0.9 }, new BacktestOptions())).Field);
        Assert.Contains("backtests only", Assert.Throws<Core.Errors.ValidationException>(() => TestStrategies.BuiltIn.Create("grid")).Message, StringComparison.Ordinal);
    }
}
