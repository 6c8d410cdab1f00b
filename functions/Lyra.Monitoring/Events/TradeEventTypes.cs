namespace Lyra.Monitoring.Events;

/// <summary>The kinds of <see cref="TradeEvent"/>.</summary>
public static class TradeEventTypes
{
    /// <summary>A decision ended (executed, rejected or failed).</summary>
    public const string DecisionFinished = "decision.finished";
    /// <summary>An order reached the exchange (its first state).</summary>
    public const string OrderPlaced = "order.placed";
    /// <summary>An order filled (wholly, or what filled before it ended).</summary>
    public const string OrderFilled = "order.filled";

    /// <summary>Part of an order filled (once per filled amount).</summary>
    public const string OrderPartiallyFilled = "order.partially_filled";
    /// <summary>An order was canceled or expired.</summary>
    public const string OrderCanceled = "order.canceled";
    /// <summary>A fill opened a position.</summary>
    public const string PositionOpened = "position.opened";
    /// <summary>A fill closed a position.</summary>
    public const string PositionClosed = "position.closed";
    /// <summary>An alert was raised.</summary>
    public const string AlertRaised = "alert.raised";
}
