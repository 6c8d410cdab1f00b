using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Indicators;
using Lyra.Strategies.Strategies;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class MovingAverageCrossTests
{
    private static double NaiveSma(IReadOnlyList<double> x, int end, int n) => x.Skip(end - n + 1).Take(n).Average();

    [Fact]
    public void Sma_is_nan_during_warm_up_then_matches_the_plain_average()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 200).Select(_ => 100 + (rng.NextDouble() * 10)).ToArray();
        var sma = new SimpleMovingAverage(14);
        for (var i = 0; i < values.Length; i++)
        {
            var v = sma.Update(values[i]);
            if (i < 13)
            {
                Assert.True(double.IsNaN(v));
                Assert.False(sma.IsReady);
                Assert.True(double.IsNaN(SimpleMovingAverage.At(values, i, 14)));
            }
            else
            {
                Assert.Equal(NaiveSma(values, i, 14), v, 9);
                Assert.Equal(NaiveSma(values, i, 14), SimpleMovingAverage.At(values, i, 14), 9);
            }
        }
    }

    [Fact]
    public void Buys_exactly_where_the_fast_average_crosses_above_the_slow_one()
    {
        var closes = TestCandles.VShape(down: 30, up: 30);
        var series = CandleSeries.From(TestCandles.FromCloses(closes));
        var strategy = new MovingAverageCrossStrategy(3, 8);
        var c = series.Close;
        // Independent reference: the first bar where SMA3 > SMA8 after SMA3 <= SMA8 on the previous bar.
        var expected = Enumerable.Range(8, c.Length - 8).First(i => NaiveSma(c, i - 1, 3) <= NaiveSma(c, i - 1, 8) && NaiveSma(c, i, 3) > NaiveSma(c, i, 8));
        var buys = Enumerable.Range(0, c.Length).Where(i => strategy.Evaluate(series, i).Action == TradeAction.Buy).ToList();
        var sells = Enumerable.Range(0, c.Length).Where(i => strategy.Evaluate(series, i).Action == TradeAction.Sell).ToList();
        Assert.Equal([expected], buys);
        Assert.Empty(sells);
        Assert.Contains("crossed above", strategy.Evaluate(series, expected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sells_when_a_rise_turns_into_a_fall()
    {
        var closes = TestCandles.VShape(down: 0, up: 30).Concat(Enumerable.Range(1, 30).Select(i => 115m - (i * 0.5m))).ToList();
        var series = CandleSeries.From(TestCandles.FromCloses(closes));
        var strategy = new MovingAverageCrossStrategy(3, 8);
        var actions = Enumerable.Range(0, series.Count).Select(i => strategy.Evaluate(series, i).Action).ToList();
        Assert.Equal(1, actions.Count(a => a == TradeAction.Sell));
        Assert.True(actions.IndexOf(TradeAction.Sell) > 30);
    }

    [Fact]
    public void A_decision_never_depends_on_later_bars()
    {
        var all = TestCandles.FromCloses(TestCandles.VShape(25, 25).Concat(TestCandles.VShape(0, 10, 90m, -1m)).ToList());
        var full = CandleSeries.From(all);
        var strategy = new MovingAverageCrossStrategy(4, 10);
        for (var n = 12; n < all.Count; n++)
        {
            var prefix = CandleSeries.From(all.Take(n).ToList());
            Assert.Equal(strategy.Evaluate(full, n - 1).Action, strategy.Evaluate(prefix, n - 1).Action);
        }
    }

    [Fact]
    public void Holds_while_warming_up()
    {
        var series = CandleSeries.From(TestCandles.FromCloses(TestCandles.VShape(5, 5)));
        var strategy = new MovingAverageCrossStrategy(3, 30);
        Assert.All(Enumerable.Range(0, series.Count), i => Assert.Equal(TradeAction.Hold, strategy.Evaluate(series, i).Action));
    }

    [Theory]
    [InlineData("nope", null, 0, "strategy", "unknown strategy 'nope'")]
    [InlineData("sma-cross", "speed", 3, "strategy.speed", "has no parameter 'speed'")]
    [InlineData("sma-cross", "fast", 1, "strategy.fast", "outside [2, 200]")]
    [InlineData("sma-cross", "slow", 5, "strategy.slow", "must be greater than fast (10)")]
    public void Catalog_rejects_unknown_names_parameters_and_ranges(string name, string? param, double value, string field, string message)
    {
        var parameters = param is null ? null : new Dictionary<string, double> { [param] = value };
        var e = Assert.Throws<ValidationException>(() => TestStrategies.BuiltIn.Create(name, parameters));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_applies_defaults_and_given_parameters()
    {
        var s = Assert.IsType<MovingAverageCrossStrategy>(TestStrategies.BuiltIn.Create("sma-cross", new Dictionary<string, double> { ["slow"] = 50 }));
        Assert.Equal((10, 50), (s.Fast, s.Slow));
        Assert.Equal(51, s.WarmupBars);
    }
}
