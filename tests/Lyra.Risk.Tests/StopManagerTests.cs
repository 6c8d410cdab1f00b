using Lyra.Risk.Stops;

namespace Lyra.Risk.Tests;

/// <summary>Stops planned at the gate, attached at the fill, then checked candle by candle.</summary>
public sealed class StopManagerTests
{
    private static readonly StopOptions Fixed = new() { Method = "fixed", StopPercent = 2, TakeProfitR = 3, Trailing = true };

    [Fact]
    public void A_fixed_stop_is_a_percentage_below_the_fill_with_the_target_at_r_multiples_above()
    {
        var plan = StopManager.Plan(100m, null, Fixed)!;
        Assert.Equal((2m, 6m), (plan.Distance, plan.TakeProfitDistance));
        var levels = StopManager.Attach(plan, 101m); // filled a little higher than planned
        Assert.Equal((99m, 99m, 107m, 2m, 101m), (levels.Stop, levels.InitialStop, levels.TakeProfit, levels.TrailingDistance, levels.Highest));
        Assert.Null(StopManager.Plan(100m, 5, new StopOptions { Method = "none" }));
        Assert.Equal(0m, StopManager.Plan(100m, 5, new StopOptions { TakeProfitR = 0 })!.TakeProfitDistance);
    }

    [Fact]
    public void The_trailing_stop_follows_new_highs_never_moves_down_and_exits_as_a_trailing_stop()
    {
        var levels = StopManager.Attach(StopManager.Plan(100m, null, new StopOptions { Method = "fixed", StopPercent = 2, TakeProfitR = 0, Trailing = true })!, 100m);
        var up = StopManager.Evaluate(levels, high: 105m, low: 101m);
        Assert.False(up.Exit);
        Assert.Equal((103m, 105m, 98m), (up.Levels.Stop, up.Levels.Highest, up.Levels.InitialStop));
        var dip = StopManager.Evaluate(up.Levels, high: 104m, low: 103.5m);
        Assert.Equal(103m, dip.Levels.Stop); // never down
        var hit = StopManager.Evaluate(dip.Levels, high: 104m, low: 102.9m);
        Assert.Equal((true, StopManager.Rules.TrailingStop), (hit.Exit, hit.Rule));
        Assert.Contains("reached the trailing stop 103", hit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candle_touching_both_stop_and_target_counts_as_the_stop_and_a_target_alone_takes_profit()
    {
        var levels = StopManager.Attach(StopManager.Plan(100m, null, new StopOptions { Method = "fixed", StopPercent = 2, TakeProfitR = 3, Trailing = false })!, 100m);
        Assert.Equal((StopManager.Rules.StopLoss, true), StopManager.Evaluate(levels, high: 110m, low: 97m) is var both ? (both.Rule, both.Exit) : default);
        var win = StopManager.Evaluate(levels, high: 106m, low: 100m);
        Assert.Equal((true, StopManager.Rules.TakeProfit), (win.Exit, win.Rule));
        var fixedStop = StopManager.Evaluate(levels, high: 104m, low: 99m);
        Assert.Equal(98m, fixedStop.Levels.Stop); // not trailing
    }

    [Fact]
    public void Atr_stops_use_the_multiple_of_the_atr_and_never_go_below_zero()
    {
        var plan = StopManager.Plan(50m, 10, new StopOptions { Method = "atr", AtrMultiplier = 2 })!;
        Assert.Equal(20m, plan.Distance);
        var wild = StopManager.Plan(50m, 1000, new StopOptions { Method = "atr", AtrMultiplier = 3 })!;
        Assert.Equal(49.5m, wild.Distance); // capped at 99 % of the price
    }
}
