namespace Lyra.Monitoring.Alerts;

/// <summary>The kinds of alert Lyra raises, and how severe each is.</summary>
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

    /// <summary>An exchange does not answer, or cannot price Lyra's markets.</summary>
    public const string ExchangeDown = "exchange_down";

    /// <summary>AI voters fail or time out more than they should.</summary>
    public const string VoterErrors = "voter_errors";

    /// <summary>An AI spending budget is used up: paid voters are skipped.</summary>
    public const string AiBudgetReached = "ai_budget_reached";

    /// <summary>A market's newest candle is older than its timeframe allows.</summary>
    public const string StaleMarketData = "stale_market_data";

    /// <summary>A live order has been in flight (sent, not resolved) for longer than it should.</summary>
    public const string OrderStuck = "order_stuck";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DrawdownBreaker, ReconciliationDrift, KeyRefused, OrderUnresolved, ExchangeDown, VoterErrors, AiBudgetReached, StaleMarketData, OrderStuck];

    /// <summary>Critical kinds need a person now (trading stopped, money unaccounted for, a key refused); the rest are warnings.</summary>
    public static string SeverityOf(string kind) =>
        kind is DrawdownBreaker or ReconciliationDrift or KeyRefused or OrderUnresolved ? "critical" : "warning";

    /// <summary>How long a repeat of an open alert (same kind and subject) is folded into it instead of raising a new one.</summary>
    public static TimeSpan DedupWindow { get; } = TimeSpan.FromMinutes(30);
}
