using Lyra.Core.Trading;
using Lyra.Data.Candles;

namespace Lyra.Strategies.Strategies;

/// <summary>A trading strategy that turns a candle series into an action at a given bar.</summary>
public interface ISignalStrategy
{
    /// <summary>Catalog name, for example <c>sma-cross</c>.</summary>
    string Name { get; }

    /// <summary>Bars needed before the strategy can decide (indicator warm-up).</summary>
    int WarmupBars { get; }

    /// <summary>The action at the close of bar <paramref name="index"/>, with a short reason.</summary>
    StrategyDecision Evaluate(CandleSeries series, int index);
}

/// <summary>What a strategy decided at one bar.</summary>
/// <param name="Action">Buy, sell or hold.</param>
/// <param name="Reason">Why, with the indicator values.</param>
public readonly record struct StrategyDecision(TradeAction Action, string Reason);
