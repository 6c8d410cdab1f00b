using System.Globalization;
using Lyra.Core.Trading;

namespace Lyra.Risk.Gate;

/// <summary>
/// Decides whether an order may go, and at what size. Rules (spot, long only):
/// kill switch; sells close the whole open position and need one; buys are sized by <see cref="RiskLimits.Sizing"/>
/// within <see cref="RiskLimits.MaxPositionPercent"/> of equity, blocked by the open-position count and the daily loss
/// limit, shrunk to the free cash and the exposure limit (resize), rounded down to the quantity step, and get a
/// stop-loss (and take profit) attached.
/// </summary>
public sealed class RiskGate(RiskLimits limits)
{
    /// <summary>Rule names used in checks and reasons.</summary>
    public static class Rules
    {
        /// <summary>Trading is stopped.</summary>
        public const string KillSwitch = "kill_switch";
        /// <summary>Nothing to decide.</summary>
        public const string NoAction = "no_action";
        /// <summary>Spot: cannot sell what is not held.</summary>
        public const string NoPosition = "no_position";
        /// <summary>Already holding this market.</summary>
        public const string PositionExists = "position_exists";
        /// <summary>Too many positions.</summary>
        public const string MaxOpenPositions = "max_open_positions";
        /// <summary>Today's loss reached the limit.</summary>
        public const string DailyLossLimit = "daily_loss_limit";
        /// <summary>Size limit per position.</summary>
        public const string MaxPositionSize = "max_position_size";
        /// <summary>Not enough free cash.</summary>
        public const string Cash = "cash";
        /// <summary>Order too small.</summary>
        public const string MinNotional = "min_notional";
        /// <summary>Price unknown or invalid.</summary>
        public const string Price = "price";
        /// <summary>Drawdown from the peak reached the circuit breaker.</summary>
        public const string MaxDrawdown = "max_drawdown";
        /// <summary>Gross exposure limit.</summary>
        public const string MaxExposure = "max_exposure";
        /// <summary>The market lost recently.</summary>
        public const string Cooldown = "cooldown";
        /// <summary>How the size was chosen.</summary>
        public const string Sizing = "position_sizing";
        /// <summary>The stop attached to the entry.</summary>
        public const string StopLoss = "stop_loss";
    }

    /// <summary>Evaluates the request.</summary>
    public RiskDecision Evaluate(RiskRequest request)
    {
        var checks = new List<RiskCheck>();
        var p = request.Portfolio;

        checks.Add(new(Rules.KillSwitch, request.TradingEnabled, request.TradingEnabled ? 1 : 0, 1,
            request.TradingEnabled ? "trading is on" : "trading is stopped (kill switch)"));
        if (!request.TradingEnabled) return Reject(request.Action, checks, Rules.KillSwitch);

        if (request.Action == TradeAction.Hold)
        {
            checks.Add(new(Rules.NoAction, false, 0, 0, "nothing to trade"));
            return Reject(request.Action, checks, Rules.NoAction);
        }

        var priceOk = request.Price > 0;
        checks.Add(new(Rules.Price, priceOk, request.Price, 0, priceOk ? "price known" : "no valid price"));
        if (!priceOk) return Reject(request.Action, checks, Rules.Price);

        // Circuit breaker: a deep drawdown from the peak stops all new trading, not just this order.
        var equityNow = p.Equity;
        var peak = Math.Max(request.PeakEquity ?? equityNow, equityNow);
        var drawdown = peak > 0 ? (peak - equityNow) / peak * 100m : 0;
        var ddOk = drawdown < limits.MaxDrawdownPercent;
        checks.Add(new(Rules.MaxDrawdown, ddOk, Math.Round(drawdown, 4), limits.MaxDrawdownPercent, F($"down {drawdown:F2}% from the peak {peak:F2}, breaker at {limits.MaxDrawdownPercent}%")));
        if (!ddOk) return Reject(request.Action, checks, Rules.MaxDrawdown) with { TripKillSwitch = true };

        var held = p.Find(request.MarketKey);
        if (request.Action == TradeAction.Sell)
        {
            var qty = held?.Quantity ?? 0;
            checks.Add(new(Rules.NoPosition, qty > 0, qty, 0, qty > 0 ? F($"closing {qty} held") : "spot account: nothing held to sell"));
            return qty > 0 ? new(RiskVerdict.Approve, TradeAction.Sell, qty, checks, []) : Reject(request.Action, checks, Rules.NoPosition);
        }

        checks.Add(new(Rules.PositionExists, held is null, held?.Quantity ?? 0, 0, held is null ? "no position yet" : "already holding this market"));
        if (held is not null) return Reject(request.Action, checks, Rules.PositionExists);

        if (limits.CooldownMinutesAfterLoss > 0 && request.LastLossAt is { } lost && request.Now is { } now)
        {
            var since = now - lost;
            var cool = since >= TimeSpan.FromMinutes(limits.CooldownMinutesAfterLoss);
            checks.Add(new(Rules.Cooldown, cool, (decimal)Math.Round(since.TotalMinutes, 2), limits.CooldownMinutesAfterLoss, F($"last loss {since.TotalMinutes:F0} min ago, cooldown {limits.CooldownMinutesAfterLoss} min")));
            if (!cool) return Reject(request.Action, checks, Rules.Cooldown);
        }

        var open = p.Positions.Count(x => x.Quantity != 0);
        var openOk = open < limits.MaxOpenPositions;
        checks.Add(new(Rules.MaxOpenPositions, openOk, open, limits.MaxOpenPositions, F($"{open} open, at most {limits.MaxOpenPositions}")));
        if (!openOk) return Reject(request.Action, checks, Rules.MaxOpenPositions);

        var equity = p.Equity;
        var lossPct = p.StartOfDayEquity > 0 ? Math.Max(0, (p.StartOfDayEquity - equity) / p.StartOfDayEquity * 100m) : 0;
        var lossOk = lossPct < limits.DailyLossLimitPercent;
        checks.Add(new(Rules.DailyLossLimit, lossOk, Math.Round(lossPct, 4), limits.DailyLossLimitPercent, F($"down {lossPct:F2}% today, limit {limits.DailyLossLimitPercent}%")));
        if (!lossOk) return Reject(request.Action, checks, Rules.DailyLossLimit);

        var maxNotional = equity * limits.MaxPositionPercent / 100m;
        checks.Add(new(Rules.MaxPositionSize, true, maxNotional, limits.MaxPositionPercent, F($"target {maxNotional:F2} = {limits.MaxPositionPercent}% of equity {equity:F2}")));
        var stops = Stops.StopManager.Plan(request.Price, request.Atr, limits.Stops);
        var (sized, how) = Size(equity, request, stops);
        var notional = Math.Min(maxNotional, sized ?? maxNotional);
        checks.Add(new(Rules.Sizing, true, Math.Round(notional, 8), Math.Round(maxNotional, 8), how));
        var reasons = new List<string>();
        if (notional > p.Cash)
        {
            checks.Add(new(Rules.Cash, true, p.Cash, notional, F($"free cash {p.Cash:F2} is below the target: resized")));
            notional = p.Cash;
            reasons.Add(Rules.Cash);
        }

        var gross = p.Positions.Sum(x => Math.Abs(x.Notional));
        var room = Math.Max(0, (equity * limits.MaxExposurePercent / 100m) - gross);
        if (notional > room)
        {
            checks.Add(new(Rules.MaxExposure, true, Math.Round(gross, 8), limits.MaxExposurePercent, F($"gross exposure {gross:F2} leaves {room:F2} under {limits.MaxExposurePercent}% of equity: resized")));
            notional = room;
            reasons.Add(Rules.MaxExposure);
        }

        var quantity = RoundDown(notional / request.Price, limits.QuantityStep);
        var finalNotional = quantity * request.Price;
        var minOk = finalNotional >= limits.MinOrderNotional && quantity > 0;
        checks.Add(new(Rules.MinNotional, minOk, Math.Round(finalNotional, 8), limits.MinOrderNotional, F($"order notional {finalNotional:F2}, minimum {limits.MinOrderNotional}")));
        if (!minOk) return Reject(request.Action, checks, Rules.MinNotional);

        if (stops is not null)
        {
            checks.Add(new(Rules.StopLoss, true, stops.Distance, Math.Round(request.Price - stops.Distance, 8), "stop " + stops.Detail));
        }

        return new(reasons.Count > 0 ? RiskVerdict.Resize : RiskVerdict.Approve, TradeAction.Buy, quantity, checks, reasons, Stops: stops);
    }

    /// <summary>The notional the sizing method asks for (null = the position limit) and how it was found.</summary>
    private (decimal? Notional, string How) Size(decimal equity, RiskRequest r, Stops.StopPlan? stops)
    {
        var risk = limits.RiskPerTradePercent / 100m;
        switch (limits.Sizing)
        {
            case "fixed_fractional" when stops is not null:
            {
                var qty = Sizing.PositionSizer.FixedFractional(Math.Max(equity, 0), risk, r.Price, r.Price - stops.Distance, limits.QuantityStep, 0);
                return (qty * r.Price, F($"fixed fractional: lose {limits.RiskPerTradePercent}% of equity if the stop {stops.Distance:G6} below is hit → {qty * r.Price:F2}"));
            }

            case "volatility" when r.Atr is { } atr && atr > 0:
            {
                var qty = Sizing.PositionSizer.VolatilityTarget(Math.Max(equity, 0), risk, (decimal)atr, r.Price, 1m, limits.QuantityStep, 0);
                return (qty * r.Price, F($"volatility: one ATR ({atr:G6}) costs {limits.RiskPerTradePercent}% of equity → {qty * r.Price:F2}"));
            }

            case "kelly" when r.Trades is { } t && t.Count >= limits.KellyMinTrades && t.Payoff > 0:
            {
                var cap = (double)(limits.MaxPositionPercent / 100m);
                var (qty, full) = Sizing.PositionSizer.Kelly(Math.Max(equity, 0), t.WinRate, t.Payoff, limits.KellyFraction, cap, r.Price, limits.QuantityStep, 0);
                return (qty * r.Price, F($"kelly: win rate {t.WinRate:P0}, payoff {t.Payoff:F2} over {t.Count} trades → full Kelly {full:P1}, × {limits.KellyFraction} → {qty * r.Price:F2}"));
            }

            case "fixed_fractional":
                return (null, "fixed fractional needs a stop (Lyra:Risk:Stops:Method is none): the position limit is used");
            case "volatility":
                return (null, "volatility sizing needs an ATR (not enough candles yet): the position limit is used");
            case "kelly":
                return (null, F($"kelly needs {limits.KellyMinTrades} closed trades with wins and losses, have {r.Trades?.Count ?? 0}: the position limit is used"));
            default:
                return (null, F($"the position limit: {limits.MaxPositionPercent}% of equity"));
        }
    }

    private static decimal RoundDown(decimal value, decimal step) => Math.Floor(value / step) * step;

    private static RiskDecision Reject(TradeAction side, List<RiskCheck> checks, string reason) => new(RiskVerdict.Reject, side, 0, checks, [reason]);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
