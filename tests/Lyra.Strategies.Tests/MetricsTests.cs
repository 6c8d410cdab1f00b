using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Strategies;
using Lyra.Testing;

namespace Lyra.Strategies.Tests;

/// <summary>Every statistic recomputed here, independently and plainly, from the equity curve and the trades.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void Statistics_match_independent_computations()
    {
        var series = CandleSeries.From(SyntheticSeries.Generate(5000, 21, Timeframe.Parse("1h"), TestCandles.Start));
        var r = Backtester.Run(series, new MovingAverageCrossStrategy(8, 34), new BacktestOptions { Commission = 0.001, AllowShort = true });
        var s = BacktestStatistics.Compute(r);
        var eq = r.Equity;
        Assert.True(r.Trades.Count > 20);

        var years = (series.Time[^1] - series.Time[0]) / (365.25 * 86_400_000);
        var ppy = (eq.Length - 1) / years;
        var rets = eq.Zip(eq.Skip(1), (a, b) => (b / a) - 1).ToArray();
        var mean = rets.Average();
        var sd = Math.Sqrt(rets.Sum(x => (x - mean) * (x - mean)) / (rets.Length - 1));
        var downside = Math.Sqrt(rets.Sum(x => x < 0 ? x * x : 0) / rets.Length);
        Assert.Equal(mean / sd * Math.Sqrt(ppy), s.Sharpe, 6);
        Assert.Equal(mean / downside * Math.Sqrt(ppy), s.Sortino, 6);
        Assert.Equal(100 * sd * Math.Sqrt(ppy), s.VolatilityAnnualizedPct, 6);

        var cagr = Math.Pow(eq[^1] / eq[0], 1 / years) - 1;
        Assert.Equal(100 * cagr, s.CagrPct, 6);
        Assert.Equal(s.CagrPct, s.ReturnAnnualizedPct, 4); // evenly spaced bars: both annualizations agree
        Assert.Equal(100 * ((eq[^1] / 10_000) - 1), s.ReturnPct, 9);
        Assert.Equal(100 * ((series.Close[^1] / series.Close[0]) - 1), s.BuyAndHoldReturnPct, 9);

        var peak = double.MinValue;
        var maxDd = 0.0;
        foreach (var e in eq) { peak = Math.Max(peak, e); maxDd = Math.Min(maxDd, (e / peak) - 1); }
        Assert.Equal(100 * maxDd, s.MaxDrawdownPct, 9);
        Assert.Equal(cagr / -maxDd, s.Calmar, 6);
        Assert.InRange(s.AvgDrawdownPct, s.MaxDrawdownPct, 0);
        Assert.True(s.MaxDrawdownDuration >= s.AvgDrawdownDuration);

        var t = r.Trades;
        var wins = t.Where(x => x.Pnl > 0).ToList();
        var losses = t.Where(x => x.Pnl <= 0).ToList();
        Assert.Equal(t.Count, s.Trades);
        Assert.Equal(100.0 * wins.Count / t.Count, s.WinRatePct, 9);
        Assert.Equal(wins.Sum(x => x.Pnl) / -losses.Sum(x => x.Pnl), s.ProfitFactor, 9);
        Assert.Equal(100 * t.Average(x => x.ReturnPct), s.ExpectancyPct, 9);
        Assert.Equal(100 * t.Max(x => x.ReturnPct), s.BestTradePct, 9);
        Assert.Equal(100 * t.Min(x => x.ReturnPct), s.WorstTradePct, 9);
        var pnlMean = t.Average(x => x.Pnl);
        var pnlSd = Math.Sqrt(t.Sum(x => (x.Pnl - pnlMean) * (x.Pnl - pnlMean)) / (t.Count - 1));
        Assert.Equal(Math.Sqrt(t.Count) * pnlMean / pnlSd, s.Sqn, 9);
        var w = (double)wins.Count / t.Count;
        var ratio = wins.Average(x => x.ReturnPct) / -losses.Average(x => x.ReturnPct);
        Assert.Equal(w - ((1 - w) / ratio), s.Kelly, 9);
        Assert.Equal(100.0 * r.BarsInMarket / eq.Length, s.ExposureTimePct, 9);
        Assert.Equal(TimeSpan.FromMilliseconds(t.Max(x => x.DurationMs)), s.MaxTradeDuration);
    }

    [Fact]
    public void A_run_without_trades_has_flat_equity_and_undefined_trade_statistics()
    {
        var series = CandleSeries.From(SyntheticSeries.Generate(300, 3, Timeframe.OneMinute, TestCandles.Start));
        var s = BacktestStatistics.Compute(Backtester.Run(series, new MovingAverageCrossStrategy(100, 250), new BacktestOptions()));
        Assert.Equal(0, s.ReturnPct);
        Assert.Equal(0, s.MaxDrawdownPct);
        Assert.Equal(0, s.Trades);
        Assert.True(double.IsNaN(s.WinRatePct));
        Assert.True(double.IsNaN(s.Sharpe));
    }
}
