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

    private readonly SimpleMovingAverage _fast;
    private readonly SimpleMovingAverage _slow;
    private double _prevFast = double.NaN, _prevSlow = double.NaN;
    private TradeAction _last;

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
        _fast = new SimpleMovingAverage(fast);
        _slow = new SimpleMovingAverage(slow);
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
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _prevFast = _prevSlow = double.NaN;
        _last = TradeAction.Hold;
    }

    /// <inheritdoc />
    public TradeAction OnBar(CandleSeries series, int index)
    {
        var close = series.Close[index];
        var f = _fast.Update(close);
        var s = _slow.Update(close);
        var action = TradeAction.Hold;
        // NaN comparisons are false, so nothing fires until both averages exist on two consecutive bars.
        if (_prevFast <= _prevSlow && f > s) action = TradeAction.Buy;
        else if (_prevFast >= _prevSlow && f < s) action = TradeAction.Sell;
        _prevFast = f;
        _prevSlow = s;
        _last = action;
        return action;
    }

    /// <summary>The gap between the averages as a share of the slow one; a 1 % gap is full strength.</summary>
    public double Strength => _last == TradeAction.Hold || double.IsNaN(_prevSlow) || _prevSlow == 0 ? 0 : Math.Min(1, Math.Abs(_prevFast - _prevSlow) / Math.Abs(_prevSlow) / 0.01);

    /// <inheritdoc />
    public string Describe()
    {
        if (double.IsNaN(_prevSlow)) return "warming up";
        var what = _last switch
        {
            TradeAction.Buy => "crossed above",
            TradeAction.Sell => "crossed below",
            _ => _prevFast > _prevSlow ? "above" : "below",
        };
        return string.Create(CultureInfo.InvariantCulture, $"SMA({Fast}) {_prevFast:G6} {what} SMA({Slow}) {_prevSlow:G6}");
    }
}
