using Lyra.Core.Trading;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;

namespace Lyra.Risk.Tests;

public sealed class RiskGateTests
{
    private const string Btc = "binance:BTCUSDT:1m";
    private static readonly RiskLimits Limits = new() { MaxPositionPercent = 10, MaxOpenPositions = 2, DailyLossLimitPercent = 5, MinOrderNotional = 10, QuantityStep = 0.001m };

    private static PortfolioSnapshot Portfolio(decimal cash, params PositionView[] positions) =>
        new(cash, positions, cash + positions.Sum(p => p.Notional));

    private static RiskDecision Eval(TradeAction a, decimal price, PortfolioSnapshot p, bool enabled = true, RiskLimits? limits = null) =>
        new RiskGate(limits ?? Limits).Evaluate(new RiskRequest(Btc, a, price, p, enabled));

    [Fact]
    public void A_buy_is_sized_to_the_position_limit_and_rounded_down_to_the_step()
    {
        var d = Eval(TradeAction.Buy, 30_000m, Portfolio(10_000m));
        Assert.Equal(RiskVerdict.Approve, d.Verdict);
        Assert.Equal(0.033m, d.Quantity); // 1000 / 30000 = 0.0333.. → 0.033
        Assert.All(d.Checks, c => Assert.True(c.Passed, c.Rule));
        Assert.Contains(d.Checks, c => c.Rule == RiskGate.Rules.MaxPositionSize && c.Value == 1000m);
    }

    [Fact]
    public void The_kill_switch_rejects_everything_first()
    {
        var d = Eval(TradeAction.Sell, 30_000m, Portfolio(0m, new PositionView(Btc, 1m, 29_000m, 30_000m)), enabled: false);
        Assert.Equal(RiskVerdict.Reject, d.Verdict);
        Assert.Equal([RiskGate.Rules.KillSwitch], d.Reasons);
        Assert.Equal(0m, d.Quantity);
    }

    [Fact]
    public void A_sell_closes_the_whole_position_and_needs_one()
    {
        var held = Eval(TradeAction.Sell, 30_000m, Portfolio(100m, new PositionView(Btc, 0.25m, 29_000m, 30_000m)));
        Assert.Equal((RiskVerdict.Approve, TradeAction.Sell, 0.25m), (held.Verdict, held.Side, held.Quantity));
        var none = Eval(TradeAction.Sell, 30_000m, Portfolio(10_000m));
        Assert.Equal([RiskGate.Rules.NoPosition], none.Reasons);
    }

    [Fact]
    public void Buying_again_into_a_held_market_is_refused()
    {
        var d = Eval(TradeAction.Buy, 30_000m, Portfolio(9_000m, new PositionView(Btc, 0.03m, 30_000m, 30_000m)));
        Assert.Equal([RiskGate.Rules.PositionExists], d.Reasons);
    }

    [Fact]
    public void Too_many_open_positions_are_refused()
    {
        var p = Portfolio(8_000m, new PositionView("binance:ETHUSDT:1m", 1m, 1_000m, 1_000m), new PositionView("binance:SOLUSDT:1m", 10m, 100m, 100m));
        var d = Eval(TradeAction.Buy, 30_000m, p);
        Assert.Equal([RiskGate.Rules.MaxOpenPositions], d.Reasons);
        var check = d.Checks.Single(c => c.Rule == RiskGate.Rules.MaxOpenPositions);
        Assert.Equal((2m, 2m, false), (check.Value, check.Limit, check.Passed));
    }

    [Fact]
    public void The_daily_loss_limit_blocks_new_positions()
    {
        // Started the day at 10,000, now worth 9,400: down 6 % > 5 %.
        var p = new PortfolioSnapshot(9_400m, [], 10_000m);
        var d = Eval(TradeAction.Buy, 30_000m, p);
        Assert.Equal([RiskGate.Rules.DailyLossLimit], d.Reasons);
        Assert.Equal(6m, d.Checks.Single(c => c.Rule == RiskGate.Rules.DailyLossLimit).Value);
    }

    [Fact]
    public void Short_cash_resizes_the_order()
    {
        var p = new PortfolioSnapshot(500m, [new PositionView("binance:ETHUSDT:1m", 5m, 2_000m, 2_000m)], 10_500m);
        var d = Eval(TradeAction.Buy, 100m, p);
        Assert.Equal(RiskVerdict.Resize, d.Verdict);
        Assert.Equal([RiskGate.Rules.Cash], d.Reasons);
        Assert.Equal(5m, d.Quantity); // target 1,050 but only 500 cash → 5 units
    }

    [Fact]
    public void Orders_below_the_minimum_notional_are_refused()
    {
        var d = Eval(TradeAction.Buy, 30_000m, Portfolio(50m));
        Assert.Equal([RiskGate.Rules.MinNotional], d.Reasons);
    }

    [Fact]
    public void Property_an_approved_buy_never_exceeds_any_limit_and_is_never_negative()
    {
        var rng = new Random(77);
        for (var i = 0; i < 3000; i++)
        {
            var limits = new RiskLimits { MaxPositionPercent = rng.Next(1, 100), MaxOpenPositions = rng.Next(1, 5), DailyLossLimitPercent = rng.Next(1, 20), QuantityStep = 0.0001m, MinOrderNotional = rng.Next(0, 20) };
            var cash = (decimal)(rng.NextDouble() * 20_000);
            var positions = Enumerable.Range(0, rng.Next(0, 4)).Select(k => new PositionView($"x:S{k}:1m", (decimal)rng.NextDouble(), 100m, (decimal)(50 + (rng.NextDouble() * 100)))).ToArray();
            var snapshot = new PortfolioSnapshot(cash, positions, cash + positions.Sum(p => p.Notional) * (decimal)(0.8 + (rng.NextDouble() * 0.4)));
            var price = (decimal)(1 + (rng.NextDouble() * 50_000));
            var d = Eval(TradeAction.Buy, price, snapshot, rng.NextDouble() > 0.1, limits);
            Assert.True(d.Quantity >= 0);
            if (!d.Allowed) { Assert.Equal(0m, d.Quantity); continue; }
            var notional = d.Quantity * price;
            Assert.True(notional <= snapshot.Equity * limits.MaxPositionPercent / 100m + 0.0001m, "position limit");
            Assert.True(notional <= cash + 0.0001m, "cash");
            Assert.True(notional >= limits.MinOrderNotional, "min notional");
            Assert.True(positions.Length < limits.MaxOpenPositions, "open positions");
            Assert.Equal(0m, d.Quantity % limits.QuantityStep);
        }
    }
}
