using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Strategies.Backtesting;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class ArbitrageBacktesterTests
{
    private static CandleSeries Flat(params (int Minute, double Price)[] bars)
    {
        var n = bars.Length;
        var s = new CandleSeries(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            s.Time[i] = TestCandles.Start.AddMinutes(bars[i].Minute).ToUnixTimeMilliseconds();
            s.Open[i] = s.High[i] = s.Low[i] = s.Close[i] = bars[i].Price;
            s.Volume[i] = 1;
        }

        return s;
    }

    private static readonly Dictionary<string, double> Params = new() { ["min_edge"] = 0.002, ["exit_edge"] = 0.0005, ["fee_b"] = 0.001 };

    [Fact]
    public void Buys_the_cheap_venue_sells_the_dear_one_and_closes_on_convergence_net_of_both_fees()
    {
        // B trades 1 % above A at minute 1 (threshold 2·(0.1 %+0.1 %) + 0.2 % = 0.6 %), converges at minute 3.
        var a = Flat((0, 100), (1, 100), (2, 100), (3, 100), (4, 100), (5, 100));
        var b = Flat((0, 100), (1, 101), (2, 101), (3, 100.02), (4, 100), (5, 100));
        var r = Backtests.Run(TestStrategies.BuiltIn, a, b, "arbitrage", Params, new BacktestOptions { Commission = 0.001 });

        var t = Assert.Single(r.Trades);
        Assert.Equal((2, 4), (t.EntryBar, t.ExitBar)); // signals at closes 1 and 3, fills at the next opens
        var leg = 10_000 / 2.0;
        var qa = leg / (100 * 1.001);
        var qb = leg / (101 * 1.001);
        var fees = (qa * 100 * 0.001) + (qb * 101 * 0.001) + (qa * 100 * 0.001) + (qb * 100 * 0.001);
        Assert.Equal((qb * (101 - 100)) - fees, t.Pnl, 9);
        Assert.Equal(10_000 + t.Pnl, r.Equity[^1], 9);
    }

    [Fact]
    public void A_spread_inside_the_fees_is_not_traded_and_unmatched_bars_are_skipped()
    {
        var a = Flat((0, 100), (1, 100), (2, 100), (3, 100));
        var b = Flat((0, 100), (1, 100.5), (3, 100), (7, 100)); // 0.5 % < 0.6 % threshold; minute 2 missing on B
        var r = Backtests.Run(TestStrategies.BuiltIn, a, b, "arbitrage", Params, new BacktestOptions { Commission = 0.001 });
        Assert.Empty(r.Trades);
        Assert.Equal(3, r.Equity.Length);
    }

    [Fact]
    public void Arbitrage_needs_a_second_series_and_sane_edges()
    {
        var a = Flat((0, 100), (1, 100), (2, 100));
        Assert.Equal("data2", Assert.Throws<ValidationException>(() => Backtests.Run(TestStrategies.BuiltIn, a, "arbitrage", null, new BacktestOptions())).Field);
        Assert.Equal("data2", Assert.Throws<ValidationException>(() => Backtests.Run(TestStrategies.BuiltIn, a, a, "sma-cross", null, new BacktestOptions())).Field);
        Assert.Equal("strategy.exit_edge", Assert.Throws<ValidationException>(() =>
            Backtests.Run(TestStrategies.BuiltIn, a, a, "arbitrage", new Dictionary<string, double> { ["min_edge"] = 0.001, ["exit_edge"] = 0.002 }, new BacktestOptions())).Field);
    }
}
