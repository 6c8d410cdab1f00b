using System.Globalization;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Indicators;

namespace Lyra.Strategies.Strategies;

/// <summary>Which oscillator a <see cref="MeanReversionStrategy"/> trades.</summary>
public enum ReversionSignal
{
    /// <summary>Close against Bollinger Bands: buy below the lower band, sell back at the middle or above the upper.</summary>
    Bollinger = 0,
    /// <summary>RSI: buy below the oversold level, sell above the overbought level.</summary>
    Rsi = 1,
    /// <summary>Z-score of the close: buy below -entry, sell above +exit.</summary>
    ZScore = 2,
}

/// <summary>
/// Mean reversion: buys stretched-down prices and sells when they have reverted. Three flavours share one class:
/// <c>bollinger-reversion</c>, <c>rsi-reversion</c> and <c>zscore-reversion</c>.
/// </summary>
public sealed class MeanReversionStrategy : ISignalStrategy
{
    private readonly ReversionSignal _kind;
    private readonly int _period;
    private readonly double _entry, _exit;
    private BollingerBands _bands;
    private RelativeStrengthIndex _rsi;
    private RollingStatistics _stats;
    private double _value = double.NaN, _close;
    private TradeAction _last;

    /// <summary>Parameters of each flavour.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas { get; } = new Dictionary<string, IReadOnlyList<StrategyParameter>>(StringComparer.Ordinal)
    {
        ["bollinger-reversion"] = [new("period", 20, 2, 500, "bars of the bands"), new("k", 2, 0.5, 5, "band width in standard deviations")],
        ["rsi-reversion"] = [new("period", 14, 2, 200, "RSI period"), new("oversold", 30, 1, 49, "buy below"), new("overbought", 70, 51, 99, "sell above")],
        ["zscore-reversion"] = [new("period", 20, 2, 500, "bars of the mean"), new("entry", 2, 0.1, 6, "buy below -entry"), new("exit", 0, -3, 6, "sell above +exit")],
    };

    /// <summary>Creates a flavour with its period and entry/exit levels (k for Bollinger; oversold/overbought for RSI; z levels).</summary>
    public MeanReversionStrategy(ReversionSignal kind, int period, double entry, double exit)
    {
        _kind = kind;
        _period = period;
        _entry = entry;
        _exit = exit;
        _bands = new BollingerBands(period, entry);
        _rsi = new RelativeStrengthIndex(Math.Max(2, period));
        _stats = new RollingStatistics(period);
    }

    /// <inheritdoc />
    public string Name => _kind switch { ReversionSignal.Bollinger => "bollinger-reversion", ReversionSignal.Rsi => "rsi-reversion", _ => "zscore-reversion" };
    /// <inheritdoc />
    public int WarmupBars => _period + 1;

    /// <inheritdoc />
    public void Reset()
    {
        _bands = new BollingerBands(_period, _entry);
        _rsi = new RelativeStrengthIndex(Math.Max(2, _period));
        _stats = new RollingStatistics(_period);
        _value = double.NaN;
        _last = TradeAction.Hold;
    }

    /// <inheritdoc />
    public TradeAction OnBar(CandleSeries series, int index)
    {
        _close = series.Close[index];
        _last = TradeAction.Hold;
        switch (_kind)
        {
            case ReversionSignal.Bollinger:
                _bands.Update(_close);
                if (!_bands.IsReady) break;
                _value = _bands.Middle;
                if (_close < _bands.Lower) _last = TradeAction.Buy;
                else if (_close > _bands.Middle) _last = TradeAction.Sell;
                break;
            case ReversionSignal.Rsi:
                _value = _rsi.Update(_close);
                if (_value < _entry) _last = TradeAction.Buy;
                else if (_value > _exit) _last = TradeAction.Sell;
                break;
            default:
                _stats.Update(_close);
                _value = _stats.ZScore;
                if (_value < -_entry) _last = TradeAction.Buy;
                else if (_value > _exit) _last = TradeAction.Sell;
                break;
        }

        return _last;
    }

    /// <summary>How far past its threshold the indicator went, relative to the distance from threshold to extreme (band width, RSI scale, z units).</summary>
    public double Strength
    {
        get
        {
            if (_last == TradeAction.Hold || double.IsNaN(_value)) return 0;
            var s = _kind switch
            {
                ReversionSignal.Bollinger => _last == TradeAction.Buy
                    ? (_bands.Lower - _close) / Math.Max(1e-12, _bands.Middle - _bands.Lower)
                    : (_close - _bands.Middle) / Math.Max(1e-12, _bands.Upper - _bands.Middle),
                ReversionSignal.Rsi => _last == TradeAction.Buy ? (_entry - _value) / Math.Max(1e-12, _entry) : (_value - _exit) / Math.Max(1e-12, 100 - _exit),
                _ => _last == TradeAction.Buy ? (-_entry - _value) / Math.Max(1e-12, _entry) : (_value - _exit) / Math.Max(1e-12, Math.Abs(_exit) + 1),
            };
            return Math.Clamp(s, 0, 1);
        }
    }

    /// <inheritdoc />
    public string Describe() => double.IsNaN(_value) ? "warming up" : _kind switch
    {
        ReversionSignal.Bollinger => string.Create(CultureInfo.InvariantCulture, $"close {_close:G6} vs bands {_bands.Lower:G6} / {_bands.Middle:G6} / {_bands.Upper:G6}"),
        ReversionSignal.Rsi => string.Create(CultureInfo.InvariantCulture, $"RSI({_period}) {_value:F1} (buy < {_entry}, sell > {_exit})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"z-score {_value:F2} over {_period} bars (buy < -{_entry}, sell > {_exit})"),
    };
}
