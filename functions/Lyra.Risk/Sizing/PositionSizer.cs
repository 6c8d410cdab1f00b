using Lyra.Core.Errors;

namespace Lyra.Risk.Sizing;

/// <summary>Position sizing rules. Every result is rounded down to the exchange's step and is 0 below its minimum size.</summary>
public static class PositionSizer
{
    /// <summary>Fixed fractional: risk <paramref name="riskFraction"/> of equity between entry and stop.</summary>
    public static decimal FixedFractional(decimal equity, decimal riskFraction, decimal entry, decimal stop, decimal step, decimal minQuantity)
    {
        Check(equity >= 0, "equity", "equity must not be negative");
        Check(riskFraction is > 0 and <= 1, "risk_fraction", "risk fraction must be in (0, 1]");
        Check(entry > 0 && stop > 0 && entry != stop, "stop", "entry and stop must be positive and different");
        return Round(equity * riskFraction / Math.Abs(entry - stop), step, minQuantity);
    }

    /// <summary>
    /// Kelly: f* = W - (1 - W) / R from the measured win rate W and payoff R (mean win / mean loss), times
    /// <paramref name="fraction"/> (half-Kelly = 0.5), capped at <paramref name="cap"/> of equity; never negative.
    /// </summary>
    public static (decimal Quantity, double KellyFraction) Kelly(decimal equity, double winRate, double payoff, double fraction, double cap, decimal price, decimal step, decimal minQuantity)
    {
        Check(winRate is >= 0 and <= 1, "win_rate", "win rate must be in [0, 1]");
        Check(payoff > 0, "payoff", "payoff (mean win / mean loss) must be positive");
        Check(fraction is > 0 and <= 1, "fraction", "Kelly fraction must be in (0, 1]");
        Check(cap is > 0 and <= 1, "cap", "cap must be in (0, 1]");
        Check(price > 0, "price", "price must be positive");
        var kelly = winRate - ((1 - winRate) / payoff);
        var f = Math.Clamp(kelly * fraction, 0, cap);
        return (Round(equity * (decimal)f / price, step, minQuantity), kelly);
    }

    /// <summary>Volatility target: size so the position's daily volatility (ATR / price) is <paramref name="targetRisk"/> of equity.</summary>
    public static decimal VolatilityTarget(decimal equity, decimal targetRisk, decimal atr, decimal price, decimal maxFraction, decimal step, decimal minQuantity)
    {
        Check(targetRisk is > 0 and <= 1, "target_risk", "target risk must be in (0, 1]");
        Check(atr > 0 && price > 0, "atr", "ATR and price must be positive");
        Check(maxFraction is > 0 and <= 10, "max_fraction", "max fraction must be in (0, 10]");
        var notional = Math.Min(equity * targetRisk / (atr / price), equity * maxFraction);
        return Round(notional / price, step, minQuantity);
    }

    /// <summary>Rounds down to <paramref name="step"/>; 0 when below <paramref name="minQuantity"/>.</summary>
    public static decimal Round(decimal quantity, decimal step, decimal minQuantity)
    {
        Check(step > 0, "step", "step must be positive");
        var q = Math.Floor(quantity / step) * step;
        return q < minQuantity || q <= 0 ? 0 : q;
    }

    private static void Check(bool ok, string field, string message)
    {
        if (!ok) throw new ValidationException(field, message);
    }
}
