using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Memory;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Backtesting;

/// <summary>
/// Event-driven bar loop over columnar arrays. For each bar, in order: (1) orders from the previous bar's signal fill
/// at this open (market) or within this bar (limit/stop entries, <see cref="FillRules"/>); (2) stop-loss, trailing stop
/// and take-profit of the open position are checked against this bar's range (stop first when both are touched);
/// (3) equity is marked at the close; (4) the strategy sees the closed bar and may signal for the next one.
/// Deterministic and allocation-free per bar (only trades allocate).
/// </summary>
public static class Backtester
{
    /// <summary>Runs <paramref name="strategy"/> over <paramref name="series"/>.</summary>
    /// <exception cref="ValidationException">Invalid options, or a series shorter than the strategy's warm-up.</exception>
    public static BacktestResult Run(CandleSeries series, ISignalStrategy strategy, BacktestOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (series.Count <= strategy.WarmupBars)
        {
            throw new ValidationException("data", $"{series.Count} bars do not cover the warm-up of {strategy.Name} ({strategy.WarmupBars} bars) plus one bar to trade");
        }

        var state = new Engine(series, options);
        strategy.Reset();
        var n = series.Count;
        var chunk = Math.Max(1, n / 100);
        for (var i = 0; i < n; i++)
        {
            state.Step(i, strategy);
            if (i % chunk == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report((double)i / n);
            }
        }

        state.Finish();
        progress?.Report(1);
        return new BacktestResult(series, strategy.Name, options, state.Equity, state.Trades, state.BarsInMarket, state.RefusedShorts, state.SkippedEntries);
    }

    private sealed class Engine(CandleSeries s, BacktestOptions o)
    {
        private readonly double[] _open = s.Open, _high = s.High, _low = s.Low, _close = s.Close;
        private readonly long[] _time = s.Time;
        private readonly double _taker = o.Commission, _maker = o.MakerCommission ?? o.Commission, _fixed = o.FixedCommission;
        private readonly bool _exits = o.StopLoss is not null || o.TakeProfit is not null || o.TrailingStop is not null;

        // Every bar writes its equity (step 3), so the array needs no zeroing.
        public readonly double[] Equity = ColumnArrays.Uninitialized<double>(s.Count);
        public readonly List<Trade> Trades = [];
        public int BarsInMarket, RefusedShorts, SkippedEntries;

        private double _cash = o.Cash;
        private double _pos;           // signed quantity
        private double _entryPrice, _entryFee, _best;
        private int _entryBar;

        // Orders decided at the previous close.
        private bool _pendingClose;
        private int _pendingOpen;      // +1 long, -1 short, 0 none (market or entry order)
        private double _entryLevel;    // limit/stop price of a resting entry
        private int _entryExpires;
        private bool _entryResting;

        public void Step(int i, ISignalStrategy strategy)
        {
            var open = _open[i];

            // (1) fills of the previous bar's decisions
            if (_pendingClose)
            {
                ClosePosition(i, FillRules.Market(_pos < 0, open, o.Spread, o.Slippage), _taker, ExitReason.Signal);
                _pendingClose = false;
            }

            if (_pendingOpen != 0)
            {
                if (o.EntryOrder == EntryOrderType.Market)
                {
                    OpenPosition(i, _pendingOpen, FillRules.Market(_pendingOpen > 0, open, o.Spread, o.Slippage), _taker, open);
                    _pendingOpen = 0;
                }
                else
                {
                    TryRestingEntry(i);
                }
            }

            // (2) protective exits within the bar
            if (_pos != 0 && _exits) CheckExits(i);

            // (3) mark to market
            var close = _close[i];
            Equity[i] = _cash + (_pos * close);
            if (_pos != 0)
            {
                BarsInMarket++;
                // The trailing reference uses closes, updated after the bar, so it never looks inside a bar it acts on.
                _best = _pos > 0 ? Math.Max(_best, close) : Math.Min(_best, close);
            }

            // (4) the strategy sees the closed bar
            var action = strategy.OnBar(s, i);
            if (action != TradeAction.Hold && i < _close.Length - 1) Decide(action, i);
        }

        private void Decide(TradeAction action, int i)
        {
            var want = action == TradeAction.Buy ? 1 : -1;
            if (_pos * want > 0) return; // already positioned that way
            if (want < 0 && !o.AllowShort)
            {
                if (_pos > 0) _pendingClose = true;
                else RefusedShorts++;
                CancelEntry();
                return;
            }

            if (_pos != 0) _pendingClose = true; // reverse: close, then open the other side on the same bar
            CancelEntry();
            _pendingOpen = want;
            if (o.EntryOrder != EntryOrderType.Market)
            {
                // Limit entries wait for a better price, stop entries for confirmation.
                var towardsTrader = o.EntryOrder == EntryOrderType.Limit ? -want : want;
                _entryLevel = _close[i] * (1 + (towardsTrader * o.EntryOffsetPercent));
                _entryExpires = i + o.EntryValidBars;
                _entryResting = true;
            }
        }

        private void CancelEntry()
        {
            if (_entryResting && _pendingOpen != 0) SkippedEntries++;
            _pendingOpen = 0;
            _entryResting = false;
        }

        private void TryRestingEntry(int i)
        {
            if (i > _entryExpires)
            {
                CancelEntry();
                return;
            }

            var buy = _pendingOpen > 0;
            double price;
            bool filled;
            double fee;
            if (o.EntryOrder == EntryOrderType.Limit)
            {
                filled = FillRules.TryLimit(buy, _entryLevel, _open[i], _high[i], _low[i], out price);
                fee = _maker;
            }
            else
            {
                filled = FillRules.TryStop(buy, _entryLevel, _open[i], _high[i], _low[i], out price);
                var cost = (o.Spread / 2) + o.Slippage;
                price = buy ? price * (1 + cost) : price * (1 - cost);
                fee = _taker;
            }

            if (!filled) return;
            OpenPosition(i, _pendingOpen, price, fee, _open[i]);
            _pendingOpen = 0;
            _entryResting = false;
        }

        private void CheckExits(int i)
        {
            var isLong = _pos > 0;
            var dir = isLong ? 1 : -1;
            // Tightest protective stop: fixed stop-loss or trailing stop.
            var stop = double.NaN;
            if (o.StopLoss is { } sl) stop = _entryPrice * (1 - (dir * sl));
            var trailing = false;
            if (o.TrailingStop is { } ts)
            {
                var t = _best * (1 - (dir * ts));
                if (double.IsNaN(stop) || (isLong ? t > stop : t < stop)) { stop = t; trailing = true; }
            }

            if (!double.IsNaN(stop) && FillRules.TryStop(!isLong, stop, _open[i], _high[i], _low[i], out var sp))
            {
                var cost = (o.Spread / 2) + o.Slippage;
                ClosePosition(i, isLong ? sp * (1 - cost) : sp * (1 + cost), _taker, trailing ? ExitReason.TrailingStop : ExitReason.StopLoss);
                return;
            }

            if (o.TakeProfit is { } tp && FillRules.TryLimit(!isLong, _entryPrice * (1 + (dir * tp)), _open[i], _high[i], _low[i], out var tpPrice))
            {
                ClosePosition(i, tpPrice, _maker, ExitReason.TakeProfit);
            }
        }

        private void OpenPosition(int i, int side, double price, double feeRate, double markPrice)
        {
            double qty;
            if (o.Sizing == SizingMode.BacktestingPy)
            {
                var equity = _cash + (_pos * (i > 0 ? _close[i - 1] : markPrice));
                qty = BacktestingPySizing.Units(o.SizeFraction, equity, price, (price * feeRate) + _fixed);
                if (side > 0 && !o.AllowShort) qty = Math.Min(qty, Math.Floor((_cash - _fixed) / (price * (1 + feeRate))));
            }
            else
            {
                var equity = _cash + (_pos * markPrice);
                qty = o.Sizing == SizingMode.FixedQuantity ? o.FixedQuantity : o.SizeFraction * equity / (price * (1 + feeRate));
                if (side > 0 && !o.AllowShort) qty = Math.Min(qty, (_cash - _fixed) / (price * (1 + feeRate))); // spot: no borrowing
                if (o.WholeUnits) qty = Math.Floor(qty);
            }

            if (!(qty > 0))
            {
                SkippedEntries++;
                return;
            }

            var fee = (qty * price * feeRate) + _fixed;
            _pos = side * qty;
            _cash -= (_pos * price) + fee;
            _entryPrice = price;
            _entryFee = fee;
            _entryBar = i;
            _best = price;
        }

        private void ClosePosition(int i, double price, double feeRate, ExitReason reason)
        {
            if (_pos == 0) return;
            var qty = _pos;
            var fee = (Math.Abs(qty) * price * feeRate) + _fixed;
            _cash += (qty * price) - fee;
            var pnl = (qty * (price - _entryPrice)) - _entryFee - fee;
            Trades.Add(new Trade(_entryBar, i, _time[_entryBar], _time[i], qty, _entryPrice, price, pnl, pnl / (Math.Abs(qty) * _entryPrice), _entryFee + fee, reason));
            _pos = 0;
        }

        public void Finish()
        {
            var last = _close.Length - 1;
            if (o.CloseAtEnd && _pos != 0)
            {
                ClosePosition(last, _close[last], _taker, ExitReason.EndOfData);
                Equity[last] = _cash;
            }
        }
    }
}
