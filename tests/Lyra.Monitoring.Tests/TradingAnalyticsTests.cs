using Lyra.Monitoring.Analytics;

namespace Lyra.Monitoring.Tests;

/// <summary>Live analytics against figures computed by hand from docs/metrics.md.</summary>
public sealed class TradingAnalyticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Three_trades_give_the_documented_figures_overall_per_strategy_and_per_market()
    {
        // Equity 1000 → 1100 (+100) → 1045 (-55) → 1090 (+45), one trade closing each day.
        LiveTrade[] trades =
        [
            new("paper:BTCUSDT:1m", "sma-cross", T0, T0.AddDays(1), 1, 1000, 1100, 100),
            new("paper:ETHUSDT:1m", "ai-signals", T0.AddDays(1), T0.AddDays(2), 2, 500, 472.5m, -55),
            new("paper:BTCUSDT:1m", "sma-cross", T0.AddDays(2), T0.AddDays(3), 0.5m, 1000, 1090, 45),
        ];
        var r = TradingAnalytics.Compute(trades, 1000, new Dictionary<string, decimal> { ["paper:BTCUSDT:1m"] = 12.5m });

        var all = r.Overall;
        Assert.Equal((3, 90m, 12.5m), (all.Trades, all.RealizedPnl, all.UnrealizedPnl));
        Assert.Equal(100.0 * 2 / 3, all.WinRatePct!.Value, 6);
        Assert.Equal(145.0 / 55, all.ProfitFactor!.Value, 6);
        Assert.Equal(9.0, all.ReturnPct!.Value, 6);
        Assert.Equal(100.0 * ((1045.0 / 1100) - 1), all.MaxDrawdownPct!.Value, 6);
        // ret_k = pnl / (|q| · entry): 0.1, -0.055, 0.09.
        Assert.Equal(100.0 * (0.1 - 0.055 + 0.09) / 3, all.ExpectancyPct!.Value, 6);
        Assert.Equal((10.0, -5.5), (all.BestTradePct!.Value, all.WorstTradePct!.Value));

        // Sharpe and Sortino: per-sample returns r = [0.1, -0.05, 0.0430622...], P = 3 samples / (3 days / 365.25).
        double[] ret = [0.1, (1045.0 / 1100) - 1, (1090.0 / 1045) - 1];
        var mean = ret.Average();
        var sd = Math.Sqrt(ret.Sum(x => (x - mean) * (x - mean)) / 2);
        var p = 3 / (3 / 365.25);
        Assert.Equal(mean / sd * Math.Sqrt(p), all.Sharpe!.Value, 4);
        Assert.Equal(mean / Math.Sqrt(ret.Where(x => x < 0).Sum(x => x * x) / 3) * Math.Sqrt(p), all.Sortino!.Value, 4);

        var sma = Assert.Single(r.ByStrategy, s => s.Name == "sma-cross");
        Assert.Equal((2, 145m, 100.0, (double?)null), (sma.Trades, sma.RealizedPnl, sma.WinRatePct!.Value, sma.ProfitFactor)); // no losing trade: undefined, not 0
        Assert.Equal(0.0, sma.MaxDrawdownPct!.Value, 9);
        var eth = Assert.Single(r.ByMarket, s => s.Name == "paper:ETHUSDT:1m");
        Assert.Equal((1, -55m, 0.0), (eth.Trades, eth.RealizedPnl, eth.WinRatePct!.Value));
        Assert.Equal(12.5m, r.ByMarket.Single(m => m.Name == "paper:BTCUSDT:1m").UnrealizedPnl);
        Assert.Equal(["sma-cross", "ai-signals"], r.ByStrategy.Select(s => s.Name));
    }

    [Fact]
    public void Without_trades_every_ratio_is_undefined_and_an_open_position_still_shows()
    {
        var r = TradingAnalytics.Compute([], 10_000, new Dictionary<string, decimal> { ["paper:BTCUSDT:1m"] = -3m });
        Assert.Equal(0, r.Overall.Trades);
        Assert.Null(r.Overall.Sharpe);
        Assert.Null(r.Overall.WinRatePct);
        Assert.Equal(-3m, Assert.Single(r.ByMarket).UnrealizedPnl);
        Assert.Throws<ArgumentOutOfRangeException>(() => TradingAnalytics.Compute([], 0, new Dictionary<string, decimal>()));
    }
}
