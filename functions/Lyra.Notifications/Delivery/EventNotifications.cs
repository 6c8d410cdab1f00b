using System.Globalization;
using System.Text.Json;

namespace Lyra.Notifications.Delivery;

/// <summary>
/// Trade events a person may want to hear about, as notifications (kind = event type, severity info): fills, partial
/// fills, cancellations, positions opened and closed. Their id is the event's id, so a retried step notifies once.
/// </summary>
public static class EventNotifications
{
    /// <summary>The event types that become notifications.</summary>
    public static IReadOnlyList<string> Types { get; } = ["order.filled", "order.partially_filled", "order.canceled", "position.opened", "position.closed"];

    /// <summary>The notification of a trade event (its data as Lyra's snake_case JSON); null for event types nobody is told about.</summary>
    public static Notification? From(string id, string type, string marketKey, DateTimeOffset time, string data)
    {
        if (!Types.Contains(type)) return null;
        using var doc = JsonDocument.Parse(data);
        var d = doc.RootElement;
        var title = type switch
        {
            "order.filled" => $"Filled: {S(d, "side")} {N(d, "filled_quantity")} {marketKey} @ {N(d, "average_price")}",
            "order.partially_filled" => $"Partly filled: {S(d, "side")} {N(d, "filled_quantity")} of {N(d, "quantity")} {marketKey} @ {N(d, "average_price")}",
            "order.canceled" => $"Canceled: {S(d, "side")} {marketKey}, {N(d, "filled_quantity")} of {N(d, "quantity")} filled",
            "position.opened" => $"Position opened: {N(d, "quantity")} {marketKey} @ {N(d, "average_price")}",
            _ => $"Position closed: {marketKey} PnL {N(d, "pnl")} ({N(d, "entry_price")} → {N(d, "exit_price")})",
        };
        return new Notification("event:" + id, type, "info", title, data, time);
    }

    private static string S(JsonElement d, string name) => d.TryGetProperty(name, out var v) ? v.ToString() : "?";

    private static string N(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal().ToString("0.########", CultureInfo.InvariantCulture) : "?";
}
