namespace Lyra.Monitoring.Alerts;

/// <summary>The kinds of alert Lyra raises.</summary>
public static class AlertKinds
{
    /// <summary>The drawdown circuit breaker tripped and stopped trading.</summary>
    public const string DrawdownBreaker = "drawdown_breaker";

    /// <summary>A venue's balance does not cover what Lyra's book says it holds there.</summary>
    public const string ReconciliationDrift = "reconciliation_drift";

    /// <summary>A venue's API key was refused (it can withdraw, or cannot trade): the venue takes no orders.</summary>
    public const string KeyRefused = "key_refused";

    /// <summary>An order's outcome on a venue is still unknown after reconciliation.</summary>
    public const string OrderUnresolved = "order_unresolved";
}
