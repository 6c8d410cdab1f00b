using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

public sealed class StrategyFactoryTests
{
    private static readonly CandleSeries Series = CandleSeries.From(SyntheticSeries.Generate(1500, 17, Timeframe.Parse("15m"), TestCandles.Start));

    public static TheoryData<string> Names() => [.. TestStrategies.BuiltIn.Schemas.Keys.Where(k => k != "arbitrage")];

    public static TheoryData<string> SignalNames() => [.. TestStrategies.BuiltIn.SignalStrategies];

    [Theory]
    [MemberData(nameof(SignalNames))]
    public void Live_evaluation_and_the_backtest_loop_decide_the_same_at_every_bar(string name)
    {
        var a = TestStrategies.BuiltIn.Create(name);
        var b = TestStrategies.BuiltIn.Create(name);
        a.Reset();
        var decisions = new List<TradeAction>();
        for (var i = 0; i < 400; i++) decisions.Add(a.OnBar(Series, i));
        for (var i = 0; i < 400; i += 37) Assert.Equal(decisions[i], b.Evaluate(Series, i).Action);
        Assert.Contains(decisions, d => d != TradeAction.Hold);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_strategy_backtests_with_its_default_parameters(string name)
    {
        var r = Backtests.Run(TestStrategies.BuiltIn, Series, name, null, new BacktestOptions { Commission = 0.001 });
        Assert.NotEmpty(r.Trades);
        Assert.Equal(Series.Count, r.Equity.Length);
        Assert.All(TestStrategies.BuiltIn.Schemas[name], p => Assert.InRange(p.Default, p.Min, p.Max));
    }

    [Fact]
    public void Donchian_breakout_buys_the_first_close_above_the_previous_highs()
    {
        var closes = Enumerable.Repeat(100m, 25).Concat([100.5m, 103m, 104m]).ToList();
        var s = CandleSeries.From(TestCandles.FromCloses(closes));
        var strategy = new DonchianBreakoutStrategy(20, 10);
        var actions = Enumerable.Range(0, s.Count).Select(i => strategy.OnBar(s, i)).ToList();
        // The flat bars' highs are 100.1 (close × 1.001); bar 25 closes at 100.5, the first close above them.
        Assert.Equal(25, actions.IndexOf(TradeAction.Buy));
        Assert.Contains("20-bar high", strategy.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rsi_reversion_buys_a_dump_and_sells_the_recovery()
    {
        var closes = Enumerable.Range(0, 20).Select(i => 100m + (i % 2)).Concat(Enumerable.Range(1, 8).Select(i => 100m - (i * 2))).Concat(Enumerable.Range(1, 12).Select(i => 84m + (i * 2))).ToList();
        var s = CandleSeries.From(TestCandles.FromCloses(closes));
        var strategy = TestStrategies.BuiltIn.Create("rsi-reversion");
        var actions = Enumerable.Range(0, s.Count).Select(i => strategy.OnBar(s, i)).ToList();
        var buy = actions.IndexOf(TradeAction.Buy);
        Assert.InRange(buy, 20, 28);
        Assert.Contains(TradeAction.Sell, actions.Skip(buy));
    }

    [Fact]
    public void Rsi_levels_stay_on_their_side_of_50()
    {
        Assert.Equal("rsi-reversion", TestStrategies.BuiltIn.Create("rsi-reversion", new Dictionary<string, double> { ["oversold"] = 40, ["overbought"] = 55 }).Name);
        var bad = Assert.Throws<Core.Errors.ValidationException>(() => TestStrategies.BuiltIn.Create("rsi-reversion", new Dictionary<string, double> { ["oversold"] = 60 }));
        Assert.Equal("strategy.oversold", bad.Field);
    }
}
