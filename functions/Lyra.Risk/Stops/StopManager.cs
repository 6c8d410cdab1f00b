using System.Globalization;

namespace Lyra.Risk.Stops;

/// <summary>
/// Stop-loss rules for long positions: the distance (fixed % or k × ATR) is planned at the gate, attached at the fill
/// price, then every closed candle is checked in order. A candle whose low reaches the stop exits (checked first, so a
/// candle that touches both the stop and the target counts as a loss, as in the backtester); otherwise a high at the
/// target exits; otherwise the highest price and, when trailing, the stop move up (never down).
/// </summary>
public static class StopManager
{
    /// <summary>Rule names.</summary>
    public static class Rules
    {
        /// <summary>The initial stop was hit.</summary>
        public const string StopLoss = "stop_loss";
        /// <summary>The stop had trailed up and was hit.</summary>
        public const string TrailingStop = "trailing_stop";
        /// <summary>The target was reached.</summary>
        public const string TakeProfit = "take_profit";
    }

    /// <summary>The stop for an entry at <paramref name="price"/>; null when stops are off.</summary>
    /// <param name="price">Reference entry price.</param>
    /// <param name="atr">ATR at entry, when known.</param>
    /// <param name="o">The stop settings.</param>
    public static StopPlan? Plan(decimal price, double? atr, StopOptions o)
    {
        if (o.Method == "none" || price <= 0) return null;
        decimal distance;
        string detail;
        if (o.Method == "atr" && atr is { } a && double.IsFinite(a) && a > 0)
        {
            distance = o.AtrMultiplier * (decimal)a;
            detail = F($"{o.AtrMultiplier} × ATR({o.AtrPeriod}) {a:G6} = {distance:G6} below the entry");
        }
        else
        {
            distance = price * o.StopPercent / 100m;
            detail = F($"{o.StopPercent}% = {distance:G6} below the entry") + (o.Method == "atr" ? " (ATR not available yet)" : "");
        }

        distance = Math.Min(distance, price * 0.99m); // a stop below zero protects nothing
        var target = o.TakeProfitR * distance;
        if (target > 0) detail += F($", take profit {o.TakeProfitR}R = {target:G6} above");
        if (o.Trailing) detail += ", trailing";
        return new StopPlan(o.Method, Math.Round(distance, 10, MidpointRounding.ToZero), Round(target), o.Trailing, detail);
    }

    /// <summary>The levels of a position entered at <paramref name="fillPrice"/>.</summary>
    public static StopLevels Attach(StopPlan plan, decimal fillPrice)
    {
        var stop = Round(fillPrice - plan.Distance);
        return new StopLevels(stop, stop, plan.TakeProfitDistance > 0 ? Round(fillPrice + plan.TakeProfitDistance) : null,
            plan.Trailing ? plan.Distance : 0, fillPrice, plan.Method);
    }

    /// <summary>Checks one closed candle against the levels.</summary>
    public static StopCheck Evaluate(StopLevels levels, decimal high, decimal low)
    {
        if (low <= levels.Stop)
        {
            var trailed = levels.Stop > levels.InitialStop;
            return new StopCheck(true, trailed ? Rules.TrailingStop : Rules.StopLoss, levels,
                F($"low {low:G8} reached the {(trailed ? "trailing " : "")}stop {levels.Stop:G8}"));
        }

        if (levels.TakeProfit is { } target && high >= target)
        {
            return new StopCheck(true, Rules.TakeProfit, levels, F($"high {high:G8} reached the take profit {target:G8}"));
        }

        var highest = Math.Max(levels.Highest, high);
        var stop = levels.TrailingDistance > 0 ? Math.Max(levels.Stop, Round(highest - levels.TrailingDistance)) : levels.Stop;
        var next = levels with { Highest = highest, Stop = stop };
        return new StopCheck(false, null, next, stop > levels.Stop ? F($"stop raised to {stop:G8} (highest {highest:G8})") : F($"stop {stop:G8} holds"));
    }

    private static decimal Round(decimal v) => Math.Round(v, 10);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
