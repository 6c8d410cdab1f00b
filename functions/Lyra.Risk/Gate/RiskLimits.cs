using System.ComponentModel.DataAnnotations;

namespace Lyra.Risk.Gate;

/// <summary>The limits the risk gate enforces (section <c>Lyra:Risk</c>).</summary>
public sealed class RiskLimits
{
    /// <summary>Largest position, as a percentage of equity.</summary>
    [Range(0.1, 100)]
    public decimal MaxPositionPercent { get; set; } = 10m;

    /// <summary>Most positions open at once.</summary>
    [Range(1, 1000)]
    public int MaxOpenPositions { get; set; } = 3;

    /// <summary>Once today's loss reaches this percentage of the day's starting equity, no new positions are opened.</summary>
    [Range(0.1, 100)]
    public decimal DailyLossLimitPercent { get; set; } = 5m;

    /// <summary>Largest gross exposure (Σ |position notional|) as a percentage of equity; buys are resized to fit.</summary>
    [Range(1, 1000)]
    public decimal MaxExposurePercent { get; set; } = 100m;

    /// <summary>Drawdown from the equity peak that trips the circuit breaker (kill switch on, alert raised).</summary>
    [Range(0.1, 100)]
    public decimal MaxDrawdownPercent { get; set; } = 20m;

    /// <summary>Minutes a market is not re-entered after a losing exit (0 = no cooldown).</summary>
    [Range(0, 10_080)]
    public int CooldownMinutesAfterLoss { get; set; }

    /// <summary>Smallest order notional (quote currency) worth sending.</summary>
    [Range(0, 1_000_000)]
    public decimal MinOrderNotional { get; set; } = 10m;

    /// <summary>Quantity step: order sizes are rounded down to a multiple of it.</summary>
    [Range(typeof(decimal), "0.00000001", "1000")]
    public decimal QuantityStep { get; set; } = 0.00001m;

    /// <summary>
    /// How a buy is sized, always within <see cref="MaxPositionPercent"/>: <c>max_position</c> (the limit itself),
    /// <c>fixed_fractional</c> (lose <see cref="RiskPerTradePercent"/> of equity if the stop is hit),
    /// <c>volatility</c> (one ATR move costs <see cref="RiskPerTradePercent"/> of equity) or
    /// <c>kelly</c> (a fraction of the Kelly bet from the measured win rate and payoff of closed trades).
    /// </summary>
    [Required, RegularExpression("^(max_position|fixed_fractional|volatility|kelly)$", ErrorMessage = "must be max_position, fixed_fractional, volatility or kelly")]
    public string Sizing { get; set; } = "max_position";

    /// <summary>Equity risked per trade by <c>fixed_fractional</c> and <c>volatility</c> sizing, %.</summary>
    [Range(typeof(decimal), "0.01", "100")]
    public decimal RiskPerTradePercent { get; set; } = 1m;

    /// <summary>Share of the full Kelly bet (0.5 = half Kelly).</summary>
    [Range(0.01, 1)]
    public double KellyFraction { get; set; } = 0.5;

    /// <summary>Closed trades needed before Kelly sizing is trusted; fewer → the position limit is used.</summary>
    [Range(2, 10_000)]
    public int KellyMinTrades { get; set; } = 20;

    /// <summary>The stop-loss attached to every approved entry.</summary>
    public Stops.StopOptions Stops { get; set; } = new();
}
