using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

/// <summary>Hand-checked scenarios for each order type and fill rule, plus accounting properties.</summary>
public sealed class BacktesterTests
{
    /// <summary>Signals on given bars.</summary>
    private sealed class Script(params (int Bar, TradeAction Action)[] steps) : ISignalStrategy
    {
        private readonly Dictionary<int, TradeAction> _steps = steps.ToDictionary(s => s.Bar, s => s.Action);
        public string Name => "script";
        public int WarmupBars => 0;
        public void Reset() { }
        public TradeAction OnBar(CandleSeries series, int index) => _steps.GetValueOrDefault(index);
        public string Describe() => "scripted";
    }

    /// <summary>Bars given as (open, high, low, close).</summary>
    private static CandleSeries Bars(params (double O, double H, double L, double C)[] bars)
    {
        var n = bars.Length;
        var s = new CandleSeries(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            s.Time[i] = TestCandles.Start.AddDays(i).ToUnixTimeMilliseconds();
            (s.Open[i], s.High[i], s.Low[i], s.Close[i]) = bars[i];
            s.Volume[i] = 1;
        }

        return s;
    }

    private static CandleSeries Flat(int n, double price = 100) => Bars(Enumerable.Repeat((price, price, price, price), n).ToArray());

    [Fact]
    public void Market_orders_fill_at_the_next_open_and_pay_commission_on_both_sides()
    {
        var s = Bars((100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103), (103, 106, 102, 105), (105, 108, 104, 107), (110, 111, 109, 110));
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy), (3, TradeAction.Sell)), new BacktestOptions { Cash = 10_000, Commission = 0.001 });
        var t = Assert.Single(r.Trades);
        Assert.Equal((2, 4, 102.0, 105.0), (t.EntryBar, t.ExitBar, t.EntryPrice, t.ExitPrice));
        var qty = 10_000 / (102 * 1.001);
        Assert.Equal(qty, t.Quantity, 9);
        var fees = (qty * 102 * 0.001) + (qty * 105 * 0.001);
        Assert.Equal(fees, t.Fees, 9);
        Assert.Equal((qty * 3) - fees, t.Pnl, 9);
        Assert.Equal(10_000 + t.Pnl, r.Equity[^1], 9);
        Assert.Equal(ExitReason.Signal, t.Exit);
        Assert.Equal(2, r.BarsInMarket); // bars 2 and 3 close with the position
    }

    [Fact]
    public void The_backtesting_py_convention_buys_whole_units_from_equity_and_compounds_like_it()
    {
        // Worked by hand (docs/backtesting.md): 10,000 cash, 0.2 % commission, buy on bar 1 → fills at bar 2's open 101.37:
        // int(10,000 × (1 − 2⁻⁵²) // (101.37 + 0.20274)) = int(98.45…) = 98 units; sell on bar 3 → bar 4's open 110.50:
        // 98 × 9.13 − 98 × 101.37 × 0.002 − 98 × 110.5 × 0.002 = 894.74 − 19.86852 − 21.658 = 853.21348 → 10,853.21348.
        // Buy on bar 5 → bar 6's open 105.20: int(10,853.21348 // 105.4104) = 102 units; closed at the end (close 99.80):
        // 102 × (−5.4) − 21.4608 − 20.3592 = −592.62 → 10,260.59348.
        var s = Bars((100, 101, 99, 100), (100, 102, 99, 101), (101.37, 104, 101, 103), (103, 106, 102, 105), (110.5, 111, 108, 109),
            (109, 110, 104, 105), (105.2, 106, 99, 100), (100, 101, 99, 99.8));
        var options = new BacktestOptions { Cash = 10_000, Commission = 0.002, Sizing = SizingMode.BacktestingPy };
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy), (3, TradeAction.Sell), (5, TradeAction.Buy)), options);

        Assert.Equal([98.0, 102.0], r.Trades.Select(t => t.Quantity));
        Assert.Equal((101.37, 110.5), (r.Trades[0].EntryPrice, r.Trades[0].ExitPrice));
        Assert.Equal(853.21348, r.Trades[0].Pnl, 8);
        Assert.Equal(-592.62, r.Trades[1].Pnl, 8);
        Assert.Equal(10_260.59348, r.Equity[^1], 8);

        // Lyra's own convention buys the fraction: 10,000 / (101.37 × 1.002) = 98.4516… units.
        var lyra = Backtester.Run(s, new Script((1, TradeAction.Buy), (3, TradeAction.Sell), (5, TradeAction.Buy)), options with { Sizing = SizingMode.FractionOfEquity });
        Assert.Equal(10_000 / (101.37 * 1.002), lyra.Trades[0].Quantity, 9);
    }

    [Theory]
    [InlineData(1.0, 0.1, 9.0)]   // 1 / 0.1 rounds to 10.0, but 0.1 is a little more than a tenth: Python says 9
    [InlineData(7.0, 2.0, 3.0)]
    [InlineData(0.3, 0.1, 2.0)]
    [InlineData(9999.999999999998, 101.57274, 98.0)]
    public void Floor_division_matches_pythons(double a, double b, double expected) => Assert.Equal(expected, BacktestingPySizing.FloorDiv(a, b));

    [Fact]
    public void Under_the_backtesting_py_convention_an_equity_too_small_for_one_unit_skips_the_entry()
    {
        var r = Backtester.Run(Flat(6, 500), new Script((1, TradeAction.Buy)), new BacktestOptions { Cash = 400, Sizing = SizingMode.BacktestingPy });
        Assert.Empty(r.Trades);
        Assert.Equal(1, r.SkippedEntries);
    }

    [Fact]
    public void Spot_accounts_refuse_shorts_and_margin_accounts_reverse_on_the_same_bar()
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (90, 90, 90, 90), (90, 90, 90, 90), (80, 80, 80, 80));
        var spot = Backtester.Run(s, new Script((1, TradeAction.Sell)), new BacktestOptions());
        Assert.Empty(spot.Trades);
        Assert.Equal(1, spot.RefusedShorts);

        var margin = Backtester.Run(s, new Script((1, TradeAction.Sell), (3, TradeAction.Buy)), new BacktestOptions { AllowShort = true, SizeFraction = 0.5 });
        Assert.Equal(2, margin.Trades.Count);
        var shortTrade = margin.Trades[0];
        Assert.True(shortTrade.Quantity < 0);
        Assert.Equal((2, 4, 100.0, 90.0), (shortTrade.EntryBar, shortTrade.ExitBar, shortTrade.EntryPrice, shortTrade.ExitPrice));
        Assert.Equal(50.0 * 10, shortTrade.Pnl, 9); // 50 units short from 100 to 90
        var longTrade = margin.Trades[1];
        Assert.Equal((4, 5, ExitReason.EndOfData), (longTrade.EntryBar, longTrade.ExitBar, longTrade.Exit)); // reversed at the same open
        Assert.True(longTrade.Quantity > 0);
    }

    [Theory]
    [InlineData(96, 94, 95.0)]   // trades through the stop: fills at the stop
    [InlineData(90, 89, 90.0)]   // gaps below the stop: fills at the (worse) open
    public void Stop_loss_fills_at_the_stop_or_at_a_gapping_open(double open, double low, double expectedExit)
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 101, 99, 100), (open, Math.Max(open, 97), low, 96), (96, 96, 96, 96));
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { StopLoss = 0.05 });
        var t = Assert.Single(r.Trades);
        Assert.Equal((ExitReason.StopLoss, 3, expectedExit), (t.Exit, t.ExitBar, t.ExitPrice));
    }

    [Theory]
    [InlineData(105, 111, 110.0)]
    [InlineData(115, 116, 115.0)] // gaps above the target: a limit fills at the better open
    public void Take_profit_fills_at_the_target_or_at_a_better_open(double open, double high, double expected)
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 101, 99, 100), (open, high, Math.Min(open, 104), 108), (108, 108, 108, 108));
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { TakeProfit = 0.10 });
        var t = Assert.Single(r.Trades);
        Assert.Equal(ExitReason.TakeProfit, t.Exit);
        Assert.Equal(expected, t.ExitPrice, 9);
    }

    [Fact]
    public void When_stop_and_target_are_both_touched_in_one_bar_the_stop_is_assumed_first()
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (100, 120, 80, 100), (100, 100, 100, 100));
        var t = Assert.Single(Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { StopLoss = 0.05, TakeProfit = 0.05 }).Trades);
        Assert.Equal((ExitReason.StopLoss, 95.0), (t.Exit, t.ExitPrice));
    }

    [Fact]
    public void Trailing_stop_follows_the_best_close()
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 101, 99, 100), (100, 111, 100, 110), (110, 121, 109, 120), (119, 119, 107, 108), (108, 108, 108, 108));
        var t = Assert.Single(Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { TrailingStop = 0.10 }).Trades);
        Assert.Equal(ExitReason.TrailingStop, t.Exit);
        Assert.Equal(5, t.ExitBar);
        Assert.Equal(108.0, t.ExitPrice, 9); // 10 % under the best close 120
    }

    [Fact]
    public void Limit_entries_wait_for_the_price_and_take_a_better_open()
    {
        // Signal at bar 1 close 100 → buy limit at 99 (1 % better).
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 101, 99.5, 100), (99.5, 100, 98, 99), (99, 99, 99, 99));
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { EntryOrder = EntryOrderType.Limit, EntryOffsetPercent = 0.01, Commission = 0.002, MakerCommission = 0.0 });
        var t = Assert.Single(r.Trades);
        Assert.Equal((3, 99.0), (t.EntryBar, t.EntryPrice));
        var gap = Bars((100, 100, 100, 100), (100, 100, 100, 100), (97, 98, 96, 97), (97, 97, 97, 97));
        Assert.Equal(97.0, Assert.Single(Backtester.Run(gap, new Script((1, TradeAction.Buy)), new BacktestOptions { EntryOrder = EntryOrderType.Limit }).Trades).EntryPrice);
    }

    [Fact]
    public void Stop_entries_confirm_a_breakout_and_fill_at_a_gapping_open()
    {
        var s = Bars((100, 100, 100, 100), (100, 100, 100, 100), (100, 100.5, 99, 100), (103, 104, 102, 103), (103, 103, 103, 103));
        var t = Assert.Single(Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { EntryOrder = EntryOrderType.Stop }).Trades);
        Assert.Equal((3, 103.0), (t.EntryBar, t.EntryPrice)); // the stop at 101 was gapped through
    }

    [Fact]
    public void Unfilled_entries_expire()
    {
        var r = Backtester.Run(Flat(12), new Script((1, TradeAction.Buy)), new BacktestOptions { EntryOrder = EntryOrderType.Limit, EntryValidBars = 3 });
        Assert.Empty(r.Trades);
        Assert.Equal(1, r.SkippedEntries);
    }

    [Fact]
    public void Spread_and_slippage_move_market_fills_against_the_trader()
    {
        var s = Flat(6);
        var t = Assert.Single(Backtester.Run(s, new Script((1, TradeAction.Buy), (3, TradeAction.Sell)), new BacktestOptions { Spread = 0.002, Slippage = 0.001 }).Trades);
        Assert.Equal(100 * 1.002, t.EntryPrice, 9);
        Assert.Equal(100 * 0.998, t.ExitPrice, 9);
    }

    [Fact]
    public void Fixed_whole_unit_sizing_and_leaving_the_last_position_open()
    {
        var s = Flat(5, 33);
        var r = Backtester.Run(s, new Script((1, TradeAction.Buy)), new BacktestOptions { Sizing = SizingMode.FixedQuantity, FixedQuantity = 7.9, WholeUnits = true, FixedCommission = 1, CloseAtEnd = false });
        Assert.Empty(r.Trades);
        Assert.Equal(10_000 - 1, r.Equity[^1], 9); // 7 units bought at 33 and still worth 33, minus the fixed fee
    }

    [Fact]
    public void Bad_options_and_short_series_are_named()
    {
        Assert.Equal("cash", Assert.Throws<ValidationException>(() => Backtester.Run(Flat(50), new Script(), new BacktestOptions { Cash = -5 })).Field);
        Assert.Equal("commission", Assert.Throws<ValidationException>(() => Backtester.Run(Flat(50), new Script(), new BacktestOptions { Commission = -0.1 })).Field);
        var e = Assert.Throws<ValidationException>(() => Backtester.Run(Flat(20), new MovingAverageCrossStrategy(10, 30), new BacktestOptions()));
        Assert.Equal("data", e.Field);
        Assert.Contains("warm-up", e.Message, StringComparison.Ordinal);
    }

    private sealed class RandomStrategy(int seed) : ISignalStrategy
    {
        private Random _rng = new(seed);
        public string Name => "random";
        public int WarmupBars => 0;
        public void Reset() => _rng = new Random(seed);
        public TradeAction OnBar(CandleSeries series, int index) => _rng.NextDouble() switch { < 0.05 => TradeAction.Buy, < 0.10 => TradeAction.Sell, _ => TradeAction.Hold };
        public string Describe() => "random";
    }

    [Fact]
    public void Property_equity_is_cash_plus_positions_fills_stay_in_the_bar_and_runs_are_deterministic()
    {
        var series = CandleSeries.From(SyntheticSeries.Generate(3000, 9, Timeframe.OneMinute, TestCandles.Start));
        var rng = new Random(5);
        for (var run = 0; run < 40; run++)
        {
            var o = new BacktestOptions
            {
                Commission = rng.NextDouble() * 0.003,
                AllowShort = rng.Next(2) == 0,
                SizeFraction = 0.2 + (rng.NextDouble() * 0.8),
                StopLoss = rng.Next(3) == 0 ? 0.01 : null,
                TakeProfit = rng.Next(3) == 0 ? 0.02 : null,
                TrailingStop = rng.Next(3) == 0 ? 0.015 : null,
                EntryOrder = (EntryOrderType)rng.Next(3),
                EntryOffsetPercent = 0.001,
            };
            var strategy = new RandomStrategy(run);
            var r = Backtester.Run(series, strategy, o);
            Assert.Equal(r.Equity, Backtester.Run(series, strategy, o).Equity);

            // Rebuild equity at every bar from the trades alone: cash0 + closed PnL + open position marked at the close.
            var closedPnl = 0.0;
            var k = 0;
            for (var i = 0; i < series.Count; i++)
            {
                while (k < r.Trades.Count && r.Trades[k].ExitBar <= i && !(r.Trades[k].ExitBar == i && r.Trades[k].Exit == ExitReason.EndOfData)) closedPnl += r.Trades[k++].Pnl;
                var expected = o.Cash + closedPnl;
                if (k < r.Trades.Count && r.Trades[k].EntryBar <= i)
                {
                    var open = r.Trades[k];
                    var entryFee = Math.Abs(open.Quantity) * open.EntryPrice * (o.EntryOrder == EntryOrderType.Limit ? o.MakerCommission ?? o.Commission : o.Commission);
                    expected += (open.Quantity * (series.Close[i] - open.EntryPrice)) - entryFee;
                }

                if (i == series.Count - 1 && k < r.Trades.Count && r.Trades[k].Exit == ExitReason.EndOfData) expected = o.Cash + r.Trades.Sum(t => t.Pnl);
                Assert.True(Math.Abs(expected - r.Equity[i]) < 1e-6 * o.Cash, $"run {run} bar {i}: equity {r.Equity[i]} but cash + positions = {expected}");
            }

            Assert.Equal(o.Cash + r.Trades.Sum(t => t.Pnl), r.Equity[^1], 6);
            foreach (var t in r.Trades)
            {
                Assert.InRange(t.EntryPrice, series.Low[t.EntryBar] - 1e-9, series.High[t.EntryBar] + 1e-9);
                if (t.Exit != ExitReason.EndOfData) Assert.InRange(t.ExitPrice, series.Low[t.ExitBar] - 1e-9, series.High[t.ExitBar] + 1e-9);
                if (!o.AllowShort) Assert.True(t.Quantity > 0);
            }
        }
    }
}
