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
            var limits = new RiskLimits
            {
                MaxPositionPercent = rng.Next(1, 100), MaxOpenPositions = rng.Next(1, 5), DailyLossLimitPercent = rng.Next(1, 20), QuantityStep = 0.0001m, MinOrderNotional = rng.Next(0, 20),
                Sizing = new[] { "max_position", "fixed_fractional", "volatility", "kelly" }[rng.Next(4)], RiskPerTradePercent = rng.Next(1, 30), KellyMinTrades = 5,
                Stops = new Lyra.Risk.Stops.StopOptions { Method = new[] { "atr", "fixed", "none" }[rng.Next(3)], StopPercent = rng.Next(1, 40), AtrMultiplier = rng.Next(1, 10) },
            };
            var cash = (decimal)(rng.NextDouble() * 20_000);
            var positions = Enumerable.Range(0, rng.Next(0, 4)).Select(k => new PositionView($"x:S{k}:1m", (decimal)rng.NextDouble(), 100m, (decimal)(50 + (rng.NextDouble() * 100)))).ToArray();
            var snapshot = new PortfolioSnapshot(cash, positions, cash + positions.Sum(p => p.Notional) * (decimal)(0.8 + (rng.NextDouble() * 0.4)));
            var price = (decimal)(1 + (rng.NextDouble() * 50_000));
            double? atr = rng.NextDouble() > 0.3 ? (double)price * rng.NextDouble() * 0.2 : null;
            var trades = new TradeStats(rng.Next(0, 50), rng.NextDouble(), rng.NextDouble() * 3);
            var d = new RiskGate(limits).Evaluate(new RiskRequest(Btc, TradeAction.Buy, price, snapshot, rng.NextDouble() > 0.1, Atr: atr, Trades: trades));
            Assert.True(d.Quantity >= 0);
            if (!d.Allowed) { Assert.Equal(0m, d.Quantity); continue; }
            if (limits.Stops.Method == "none") Assert.Null(d.Stops);
            else Assert.InRange(d.Stops!.Distance, 0.0000000001m, price * 0.99m); // a stop strictly between zero and the entry
            var notional = d.Quantity * price;
            Assert.True(notional <= snapshot.Equity * limits.MaxPositionPercent / 100m + 0.0001m, "position limit");
            Assert.True(notional <= cash + 0.0001m, "cash");
            Assert.True(notional >= limits.MinOrderNotional, "min notional");
            Assert.True(positions.Length < limits.MaxOpenPositions, "open positions");
            Assert.Equal(0m, d.Quantity % limits.QuantityStep);
        }
    }

    private static RiskDecision Sized(string sizing, double? atr = null, TradeStats? trades = null, string stops = "fixed") =>
        new RiskGate(Limits.WithSizing(sizing, stops)).Evaluate(new RiskRequest(Btc, TradeAction.Buy, 100m, Portfolio(10_000m), true, Atr: atr, Trades: trades));

    [Fact]
    public void Every_approved_entry_gets_its_stop_and_target_in_the_decision_and_the_checks()
    {
        var d = new RiskGate(Limits).Evaluate(new RiskRequest(Btc, TradeAction.Buy, 30_000m, Portfolio(10_000m), true, Atr: 400));
        Assert.Equal(("atr", 1200m, 2400m, true), (d.Stops!.Method, d.Stops.Distance, d.Stops.TakeProfitDistance, d.Stops.Trailing)); // 3 × ATR, 2R
        var check = d.Checks.Single(c => c.Rule == RiskGate.Rules.StopLoss);
        Assert.Equal((true, 1200m, 28_800m), (check.Passed, check.Value, check.Limit));
        Assert.Contains("3 × ATR(14) 400", check.Detail, StringComparison.Ordinal);
        var early = new RiskGate(Limits).Evaluate(new RiskRequest(Btc, TradeAction.Buy, 30_000m, Portfolio(10_000m), true));
        Assert.Equal(900m, early.Stops!.Distance); // 3 % while the ATR warms up
        Assert.Contains("ATR not available yet", early.Stops.Detail, StringComparison.Ordinal);
        Assert.Null(Eval(TradeAction.Sell, 30_000m, Portfolio(100m, new PositionView(Btc, 0.25m, 29_000m, 30_000m))).Stops);
    }

    [Fact]
    public void Sizing_methods_size_within_the_position_limit_and_fall_back_to_it_without_their_inputs()
    {
        // Equity 10,000, price 100, limit 10 % = 1,000.
        Assert.Equal(10m, Sized("max_position").Quantity);
        // Fixed fractional: lose 1 % (100) over a 3 % stop (3 per unit) → 33.33 units = 3,333 → capped at the 1,000 limit.
        Assert.Equal(10m, Sized("fixed_fractional").Quantity);
        Assert.Equal(3.333m, new RiskGate(Limits.WithSizing("fixed_fractional", "fixed", stopPercent: 30)).Evaluate(new RiskRequest(Btc, TradeAction.Buy, 100m, Portfolio(10_000m), true)).Quantity);
        // Volatility: one ATR (20) costs 1 % (100) → 5 units.
        var vol = Sized("volatility", atr: 20);
        Assert.Equal(5m, vol.Quantity);
        Assert.Contains("one ATR (20) costs 1% of equity", vol.Checks.Single(c => c.Rule == RiskGate.Rules.Sizing).Detail, StringComparison.Ordinal);
        Assert.Equal(10m, Sized("volatility").Quantity);
        // Kelly: W 0.55, R 1.5 → f* = 0.25; half Kelly 0.125 → capped at the 10 % limit. W 0.5, R 1.2 → f* = 0.0833, half 0.04167 → 416.66.
        Assert.Equal(10m, Sized("kelly", trades: new TradeStats(40, 0.55, 1.5)).Quantity);
        Assert.Equal(4.166m, Sized("kelly", trades: new TradeStats(40, 0.5, 1.2)).Quantity);
        var few = Sized("kelly", trades: new TradeStats(3, 0.9, 3));
        Assert.Equal(10m, few.Quantity);
        Assert.Contains("kelly needs 20 closed trades", few.Checks.Single(c => c.Rule == RiskGate.Rules.Sizing).Detail, StringComparison.Ordinal);
        // No edge: Kelly says bet nothing.
        Assert.Equal([RiskGate.Rules.MinNotional], Sized("kelly", trades: new TradeStats(40, 0.3, 1.0)).Reasons);
        Assert.Equal((3, 2 / 3.0, 1.5), TradeStats.Of([10m, -5m, 5m]) is var t ? (t.Count, t.WinRate, t.Payoff) : default);
    }
}

internal static class RiskLimitsTestExtensions
{
    public static RiskLimits WithSizing(this RiskLimits l, string sizing, string stops = "fixed", decimal stopPercent = 3m) => new()
    {
        MaxPositionPercent = l.MaxPositionPercent, MaxOpenPositions = l.MaxOpenPositions, DailyLossLimitPercent = l.DailyLossLimitPercent,
        MinOrderNotional = l.MinOrderNotional, QuantityStep = l.QuantityStep, Sizing = sizing, KellyMinTrades = 20,
        Stops = new Lyra.Risk.Stops.StopOptions { Method = stops, StopPercent = stopPercent },
    };
}
