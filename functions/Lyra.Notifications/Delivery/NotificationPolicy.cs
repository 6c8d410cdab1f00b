using System.Globalization;

namespace Lyra.Notifications.Delivery;

/// <summary>What the settings say about one notification: its mode, whether quiet hours hold it, when the next digest goes.</summary>
public static class NotificationPolicy
{
    /// <summary>Delivered as it happens.</summary>
    public const string On = "on";

    /// <summary>Delivered without sound.</summary>
    public const string Silent = "silent";

    /// <summary>Collected into one message per digest period.</summary>
    public const string Digest = "digest";

    /// <summary>Not delivered.</summary>
    public const string Off = "off";

    /// <summary>The modes.</summary>
    public static IReadOnlyList<string> Modes { get; } = [On, Silent, Digest, Off];

    /// <summary>Kinds that are digested unless the settings say otherwise: every fill would be one message.</summary>
    public static IReadOnlyList<string> DigestedByDefault { get; } = ["order.filled", "order.partially_filled"];

    /// <summary>The mode of <paramref name="kind"/>: its own setting, else <c>*</c>, else the default.</summary>
    public static string ModeOf(NotificationOptions o, string kind) =>
        o.Events.TryGetValue(kind, out var m) ? m
        : o.Events.TryGetValue("*", out var all) ? all
        : DigestedByDefault.Contains(kind) ? Digest : On;

    /// <summary>The end of the quiet hours <paramref name="now"/> is in, when they hold back a notification of <paramref name="severity"/>; else null.</summary>
    public static DateTimeOffset? QuietUntil(NotificationOptions o, DateTimeOffset now, string severity)
    {
        var q = o.QuietHours;
        if (!TryParseTime(q.Start, out var start) || !TryParseTime(q.End, out var end) || start == end) return null;
        if (Notification.Rank(severity) >= Notification.Rank(q.MinSeverity)) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(q.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var t = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var quiet = start < end ? t >= start && t < end : t >= start || t < end;
        if (!quiet) return null;
        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (t >= end) endDay = endDay.AddDays(1);
        var endLocal = endDay.ToDateTime(end);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
    }

    /// <summary>The first digest boundary after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDigest(NotificationOptions o, DateTimeOffset now)
    {
        var period = TimeSpan.FromMinutes(o.DigestMinutes).Ticks;
        var ticks = now.UtcTicks;
        return new DateTimeOffset((ticks / period + 1) * period, TimeSpan.Zero);
    }

    /// <summary>Parses <c>HH:mm</c>.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>One message for <paramref name="items"/> (one kind, held for the digest due at <paramref name="due"/>).</summary>
    public static Notification Combine(IReadOnlyList<Notification> items, DateTimeOffset due, double minutes)
    {
        var kind = items[0].Kind;
        var severity = items.MaxBy(n => Notification.Rank(n.Severity))!.Severity;
        var lines = items.OrderBy(n => n.Time).Take(50).Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Time:HH:mm} {n.Title}")).ToList();
        if (items.Count > 50) lines.Add(string.Create(CultureInfo.InvariantCulture, $"… and {items.Count - 50} more"));
        return new Notification(string.Create(CultureInfo.InvariantCulture, $"digest:{kind}:{due.UtcTicks}"), kind, severity,
            string.Create(CultureInfo.InvariantCulture, $"{items.Count} × {kind} in the last {minutes:0.#} min"), string.Join('\n', lines), due, Silent: true);
    }
}
