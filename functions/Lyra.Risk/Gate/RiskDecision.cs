using Lyra.Core.Trading;

namespace Lyra.Risk.Gate;

/// <summary>The gate's verdict.</summary>
public enum RiskVerdict
{
    /// <summary>The order may go as proposed.</summary>
    Approve = 0,
    /// <summary>The order may go with a smaller size.</summary>
    Resize = 1,
    /// <summary>The order must not go.</summary>
    Reject = 2,
}

/// <summary>Outcome of the risk gate with every check.</summary>
/// <param name="Verdict">Approve, resize or reject.</param>
/// <param name="Side">Order side (buy or sell).</param>
/// <param name="Quantity">Approved base quantity (0 when rejected).</param>
/// <param name="Checks">Every rule evaluated.</param>
/// <param name="Reasons">Machine-readable reasons of a rejection or resize (rule names).</param>
/// <param name="TripKillSwitch">True when the drawdown circuit breaker tripped: trading must be stopped.</param>
/// <param name="Stops">The stop-loss (and take profit) attached to an approved entry.</param>
public sealed record RiskDecision(RiskVerdict Verdict, TradeAction Side, decimal Quantity, IReadOnlyList<RiskCheck> Checks, IReadOnlyList<string> Reasons, bool TripKillSwitch = false,
    Stops.StopPlan? Stops = null)
{
    /// <summary>True unless rejected.</summary>
    public bool Allowed => Verdict != RiskVerdict.Reject;
}
