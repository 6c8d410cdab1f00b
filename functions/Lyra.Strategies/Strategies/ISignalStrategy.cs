using Lyra.Core.Trading;
using Lyra.Data.Candles;

namespace Lyra.Strategies.Strategies;

/// <summary>
/// A trading strategy fed one closed bar at a time, oldest first. The backtester calls <see cref="OnBar"/> for every bar;
/// the live pipeline replays a recent window through the same instance (<see cref="StrategyExtensions.Evaluate"/>),
/// so both run the same code. Implementations keep O(1) state per bar and do not allocate in <see cref="OnBar"/>.
/// </summary>
public interface ISignalStrategy
{
    /// <summary>Catalog name, for example <c>sma-cross</c>.</summary>
    string Name { get; }

    /// <summary>Bars needed before the strategy can decide (indicator warm-up).</summary>
    int WarmupBars { get; }

    /// <summary>Forgets all state (before a new series).</summary>
    void Reset();

    /// <summary>
    /// Takes bar <paramref name="index"/> (called for consecutive indexes from 0) and returns the action wanted at its
    /// close: buy (be long), sell (leave the long; be short where shorts are allowed) or hold (no change).
    /// </summary>
    TradeAction OnBar(CandleSeries series, int index);

    /// <summary>Why the latest <see cref="OnBar"/> decided what it did, with indicator values (allocates; not for hot loops).</summary>
    string Describe();

    /// <summary>
    /// How decided the latest <see cref="OnBar"/> was, 0 to 1: how far the deciding indicator went past its threshold,
    /// scaled by the strategy (1 for strategies that cannot say).
    /// </summary>
    double Strength => 1;
}

/// <summary>What a strategy decided at one bar.</summary>
/// <param name="Action">Buy, sell or hold.</param>
/// <param name="Reason">Why, with the indicator values.</param>
public readonly record struct StrategyDecision(TradeAction Action, string Reason);

/// <summary>Helpers over <see cref="ISignalStrategy"/>.</summary>
public static class StrategyExtensions
{
    /// <summary>Resets the strategy and feeds bars 0..<paramref name="index"/>; returns the decision at <paramref name="index"/>.</summary>
    public static StrategyDecision Evaluate(this ISignalStrategy strategy, CandleSeries series, int index)
    {
        strategy.Reset();
        var action = TradeAction.Hold;
        for (var i = 0; i <= index; i++) action = strategy.OnBar(series, i);
        return new StrategyDecision(action, strategy.Describe());
    }
}
