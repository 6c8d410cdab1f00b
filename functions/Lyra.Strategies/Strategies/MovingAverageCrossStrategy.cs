using System.Globalization;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Indicators;

namespace Lyra.Strategies.Strategies;

/// <summary>
/// Momentum: buy when the fast SMA of closes crosses above the slow SMA, sell when it crosses below.
/// A cross is decided on closed bars only (bar i-1 vs bar i), so there is no look-ahead.
/// </summary>
public sealed class MovingAverageCrossStrategy : ISignalStrategy
{
    /// <summary>Catalog name.</summary>
    public const string StrategyName = "sma-cross";

    /// <summary>Declared parameters with their ranges.</summary>
    public static IReadOnlyList<StrategyParameter> Parameters { get; } =
    [
        new("fast", 10, 2, 200, "fast SMA period in bars"),
        new("slow", 30, 3, 500, "slow SMA period in bars (must exceed fast)"),
    ];

    /// <summary>Creates the strategy; <paramref name="fast"/> must be below <paramref name="slow"/>.</summary>
    public MovingAverageCrossStrategy(int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        if (slow <= fast) throw new ArgumentOutOfRangeException(nameof(slow), slow, $"slow ({slow}) must be greater than fast ({fast}).");
        Fast = fast;
        Slow = slow;
    }

    /// <summary>Fast period.</summary>
    public int Fast { get; }

    /// <summary>Slow period.</summary>
    public int Slow { get; }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public int WarmupBars => Slow + 1;

    /// <inheritdoc />
    public StrategyDecision Evaluate(CandleSeries series, int index)
    {
        if (index < Slow) return new(TradeAction.Hold, "warming up");
        var close = series.Close.AsSpan();
        var fastNow = SimpleMovingAverage.At(close, index, Fast);
        var slowNow = SimpleMovingAverage.At(close, index, Slow);
        var fastPrev = SimpleMovingAverage.At(close, index - 1, Fast);
        var slowPrev = SimpleMovingAverage.At(close, index - 1, Slow);
        if (fastPrev <= slowPrev && fastNow > slowNow) return new(TradeAction.Buy, Describe("crossed above", fastNow, slowNow));
        if (fastPrev >= slowPrev && fastNow < slowNow) return new(TradeAction.Sell, Describe("crossed below", fastNow, slowNow));
        return new(TradeAction.Hold, Describe(fastNow > slowNow ? "above" : "below", fastNow, slowNow));
    }

    private string Describe(string what, double fast, double slow) =>
        string.Create(CultureInfo.InvariantCulture, $"SMA({Fast}) {fast:G6} {what} SMA({Slow}) {slow:G6}");
}
