using System.Globalization;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Indicators;

namespace Lyra.Strategies.Strategies;

/// <summary>
/// Momentum breakout (turtle style): buy when the close breaks above the highest high of the previous <c>entry</c> bars,
/// sell when it breaks below the lowest low of the previous <c>exit</c> bars. The channel excludes the current bar.
/// </summary>
public sealed class DonchianBreakoutStrategy : ISignalStrategy
{
    /// <summary>Catalog name.</summary>
    public const string StrategyName = "donchian-breakout";

    /// <summary>Declared parameters.</summary>
    public static IReadOnlyList<StrategyParameter> Parameters { get; } =
    [
        new("entry", 20, 2, 500, "bars of the breakout channel"),
        new("exit", 10, 2, 500, "bars of the exit channel"),
    ];

    private readonly int _entryBars, _exitBars;
    private DonchianChannel _entry, _exit;
    private double _upper = double.NaN, _lower = double.NaN, _close;
    private TradeAction _last;

    /// <summary>Creates the strategy.</summary>
    public DonchianBreakoutStrategy(int entry, int exit)
    {
        _entryBars = entry;
        _exitBars = exit;
        _entry = new DonchianChannel(entry);
        _exit = new DonchianChannel(exit);
    }

    /// <inheritdoc />
    public string Name => StrategyName;
    /// <inheritdoc />
    public int WarmupBars => Math.Max(_entryBars, _exitBars) + 1;

    /// <inheritdoc />
    public void Reset()
    {
        _entry = new DonchianChannel(_entryBars);
        _exit = new DonchianChannel(_exitBars);
        _upper = _lower = double.NaN;
        _last = TradeAction.Hold;
    }

    /// <inheritdoc />
    public TradeAction OnBar(CandleSeries series, int index)
    {
        // Compare with the channel of the bars before this one, then add this bar.
        _upper = _entry.Upper;
        _lower = _exit.Lower;
        _close = series.Close[index];
        _last = _close > _upper ? TradeAction.Buy : _close < _lower ? TradeAction.Sell : TradeAction.Hold;
        _entry.Update(series.High[index], series.Low[index]);
        _exit.Update(series.High[index], series.Low[index]);
        return _last;
    }

    /// <summary>How far the close broke out of the channel, as a share of the channel's width.</summary>
    public double Strength => _last == TradeAction.Hold || !(_upper > _lower)
        ? 0
        : Math.Clamp((_last == TradeAction.Buy ? _close - _upper : _lower - _close) / (_upper - _lower), 0, 1);

    /// <inheritdoc />
    public string Describe() => double.IsNaN(_upper) ? "warming up" :
        string.Create(CultureInfo.InvariantCulture, $"close {_close:G6} vs {_entryBars}-bar high {_upper:G6} / {_exitBars}-bar low {_lower:G6}");
}
