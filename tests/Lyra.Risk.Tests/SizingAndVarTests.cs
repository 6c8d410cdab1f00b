using Lyra.Core.Trading;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;
using Lyra.Risk.Sizing;

namespace Lyra.Risk.Tests;

public sealed class SizingAndVarTests
{
    [Fact]
    public void Fixed_fractional_risks_the_fraction_between_entry_and_stop_rounded_to_the_step()
    {
        Assert.Equal(20m, PositionSizer.FixedFractional(10_000m, 0.01m, 100m, 95m, 0.001m, 0.001m)); // 100 / 5
        Assert.Equal(6.666m, PositionSizer.FixedFractional(10_000m, 0.01m, 100m, 85m, 0.001m, 0.001m)); // 6.6666 → step
        Assert.Equal(0m, PositionSizer.FixedFractional(10m, 0.01m, 100m, 95m, 0.001m, 0.1m)); // 0.02 < minimum 0.1
    }

    [Fact]
    public void Kelly_is_capped_scaled_and_never_negative()
    {
        var (q, k) = PositionSizer.Kelly(10_000m, winRate: 0.6, payoff: 1.5, fraction: 0.5, cap: 0.1, price: 50m, step: 0.01m, minQuantity: 0.01m);
        Assert.Equal(0.6 - (0.4 / 1.5), k, 12);
        Assert.Equal(20m, q); // half-Kelly 16.7 % capped at 10 % of 10,000 at 50
        var (none, negative) = PositionSizer.Kelly(10_000m, 0.3, 1.0, 1, 1, 50m, 0.01m, 0.01m);
        Assert.True(negative < 0);
        Assert.Equal(0m, none);
    }

    [Fact]
    public void Volatility_target_sizes_by_atr_and_respects_the_cap()
    {
        Assert.Equal(50m, PositionSizer.VolatilityTarget(10_000m, 0.01m, atr: 2m, price: 100m, maxFraction: 1m, step: 1m, minQuantity: 1m)); // 100 / 2 %
        Assert.Equal(30m, PositionSizer.VolatilityTarget(10_000m, 0.01m, 2m, 100m, maxFraction: 0.3m, step: 1m, minQuantity: 1m));
    }

    // A fixed series: 100 daily returns, from -5 % to +4.9 % in steps of 0.1 %, shuffled deterministically.
    private static double[] Returns()
    {
        var r = Enumerable.Range(0, 100).Select(i => (i - 50) / 1000.0).ToArray();
        new Random(3).Shuffle(r);
        return r;
    }

    [Fact]
    public void Historical_var_and_cvar_come_from_the_lower_tail()
    {
        var r = Returns();
        var h95 = ValueAtRisk.Historical(r, 0.95);
        Assert.Equal(0.046, h95.VaR, 12);                                 // 5th smallest: -4.6 %
        Assert.Equal((0.050 + 0.049 + 0.048 + 0.047 + 0.046) / 5, h95.CVaR, 12);
        var h99 = ValueAtRisk.Historical(r, 0.99);
        Assert.Equal((0.05, 0.05), (h99.VaR, h99.CVaR));
    }

    [Fact]
    public void Parametric_var_and_cvar_follow_the_normal_formulas()
    {
        var r = Returns();
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        const double z95 = -1.6448536269514722, z99 = -2.3263478740408408;
        Assert.Equal(z95, ValueAtRisk.InverseNormal(0.05), 8);
        Assert.Equal(z99, ValueAtRisk.InverseNormal(0.01), 8);
        var p95 = ValueAtRisk.Parametric(r, 0.95);
        Assert.Equal(-(mean + (z95 * sd)), p95.VaR, 8);
        var phi = Math.Exp(-z99 * z99 / 2) / Math.Sqrt(2 * Math.PI);
        Assert.Equal(-(mean - (sd * phi / 0.01)), ValueAtRisk.Parametric(r, 0.99).CVaR, 8);
        Assert.True(p95.CVaR > p95.VaR);
    }

    [Fact]
    public void Exposure_is_split_by_asset_and_exchange_with_gross_and_net()
    {
        var p = new PortfolioSnapshot(5_000m, [new("binance:BTCUSDT:1m", 0.1m, 30_000m, 30_000m), new("kraken:BTCUSDT:1h", -0.05m, 30_000m, 30_000m), new("binance:ETHUSDT:1m", 1m, 2_000m, 2_000m)], 10_000m);
        var e = Exposure.Of(p);
        Assert.Equal(1_500m, e.ByAsset["BTCUSDT"]);
        Assert.Equal(5_000m, e.ByExchange["binance"]);
        Assert.Equal((6_500m, 3_500m), (e.Gross, e.Net));
        Assert.Equal(Math.Round(6_500m / 8_500m * 100, 4), e.GrossPercent);
    }

    private static readonly RiskLimits Limits = new() { MaxPositionPercent = 50, MaxExposurePercent = 60, MaxDrawdownPercent = 10, CooldownMinutesAfterLoss = 30, QuantityStep = 0.0001m };

    [Fact]
    public void The_breaker_trips_on_a_deep_drawdown_and_asks_to_stop_trading()
    {
        var d = new RiskGate(Limits).Evaluate(new RiskRequest("x:BTC:1m", TradeAction.Buy, 100m, new PortfolioSnapshot(8_900m, [], 10_000m), true, PeakEquity: 10_000m));
        Assert.Equal([RiskGate.Rules.MaxDrawdown], d.Reasons);
        Assert.True(d.TripKillSwitch);
        Assert.False(new RiskGate(Limits).Evaluate(new RiskRequest("x:BTC:1m", TradeAction.Buy, 100m, new PortfolioSnapshot(9_500m, [], 10_000m), true, PeakEquity: 10_000m)).TripKillSwitch);
    }

    [Fact]
    public void Gross_exposure_resizes_a_buy_and_a_recent_loss_blocks_re_entry()
    {
        var p = new PortfolioSnapshot(5_000m, [new("x:ETH:1m", 5m, 1_000m, 1_000m)], 10_000m);
        var d = new RiskGate(Limits).Evaluate(new RiskRequest("x:BTC:1m", TradeAction.Buy, 100m, p, true));
        Assert.Equal(RiskVerdict.Resize, d.Verdict);
        Assert.Contains(RiskGate.Rules.MaxExposure, d.Reasons);
        Assert.Equal(10m, d.Quantity); // 60 % of 10,000 = 6,000 gross allowed, 5,000 used → 1,000 / 100
        var now = DateTimeOffset.UnixEpoch.AddHours(10);
        var cool = new RiskGate(Limits).Evaluate(new RiskRequest("x:BTC:1m", TradeAction.Buy, 100m, new PortfolioSnapshot(10_000m, [], 10_000m), true, null, now.AddMinutes(-10), now));
        Assert.Equal([RiskGate.Rules.Cooldown], cool.Reasons);
        var later = new RiskGate(Limits).Evaluate(new RiskRequest("x:BTC:1m", TradeAction.Buy, 100m, new PortfolioSnapshot(10_000m, [], 10_000m), true, null, now.AddMinutes(-45), now));
        Assert.True(later.Allowed);
    }

    [Fact]
    public void Portfolio_returns_align_from_the_newest_bar_and_weight_by_notional()
    {
        // Two positions: the shorter series decides the length; the longer one's oldest return is dropped.
        double[] a = [0.10, 0.02, -0.01, 0.03];
        double[] b = [0.04, -0.02, 0.01];
        var r = ValueAtRisk.PortfolioReturns([(0.5, a), (0.25, b)]);
        Assert.Equal(3, r.Length);
        Assert.Equal((0.5 * 0.02) + (0.25 * 0.04), r[0], 12);
        Assert.Equal((0.5 * -0.01) + (0.25 * -0.02), r[1], 12);
        Assert.Equal((0.5 * 0.03) + (0.25 * 0.01), r[2], 12);
        Assert.Empty(ValueAtRisk.PortfolioReturns([]));
    }

    [Fact]
    public void The_report_has_both_methods_at_95_and_99_percent_and_nothing_below_two_returns()
    {
        double[] r = [-0.03, 0.01, 0.02, -0.01, 0.005, -0.02, 0.015, 0.0];
        var report = ValueAtRisk.Report(r);
        Assert.Equal(["historical_95", "historical_99", "parametric_95", "parametric_99"], report.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ValueAtRisk.Historical(r, 0.99), report["historical_99"]);
        Assert.Equal(ValueAtRisk.Parametric(r, 0.95), report["parametric_95"]);
        Assert.Empty(ValueAtRisk.Report([0.01]));
    }
}
