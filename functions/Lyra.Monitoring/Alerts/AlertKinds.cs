namespace Lyra.Monitoring.Alerts;

/// <summary>The kinds of alert Lyra raises.</summary>
public static class AlertKinds
{
    /// <summary>The drawdown circuit breaker tripped and stopped trading.</summary>
    public const string DrawdownBreaker = "drawdown_breaker";
}
