namespace Lyra.Notifications;

/// <summary>Something a person should be told.</summary>
/// <param name="Id">Unique id (a repeat with the same id is the same notification: receivers may dedupe on it).</param>
/// <param name="Kind">What it is about: an alert kind (<c>drawdown_breaker</c>), an event type (<c>order.filled</c>) or <c>message</c>.</param>
/// <param name="Severity"><c>critical</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Body">The details.</param>
/// <param name="Time">When it happened.</param>
/// <param name="AlertId">The alert it tells of, if any (acknowledging that alert stops its escalation).</param>
/// <param name="Silent">Deliver without sound (Telegram's silent messages; never by SMS, which always rings).</param>
/// <param name="Escalates">For an escalation: the notification nobody acknowledged.</param>
/// <param name="Html">A page that goes with it (the daily report): email sends it as the HTML part; other channels send the body.</param>
public sealed record Notification(string Id, string Kind, string Severity, string Title, string Body, DateTimeOffset Time,
    string? AlertId = null, bool Silent = false, string? Escalates = null, string? Html = null)
{
    /// <summary>Severities from least to most urgent.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["info", "warning", "critical"];

    /// <summary>Rank of a severity (higher is more urgent); -1 when unknown.</summary>
    public static int Rank(string severity) => Severities.ToList().IndexOf(severity);

    /// <summary>The message as one text: <c>[SEVERITY] title</c>, then the body.</summary>
    public string Text => $"[{Severity.ToUpperInvariant()}] {Title}\n{Body}";

    /// <summary>The placeholders a channel's template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{id}", "{kind}", "{severity}", "{SEVERITY}", "{title}", "{body}", "{time}"];

    /// <summary>The message through <paramref name="template"/> (null: <see cref="Text"/>); <c>\n</c> in a setting is a line break.</summary>
    public string Render(string? template) => template is null ? Text : template
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("{id}", Id, StringComparison.Ordinal).Replace("{kind}", Kind, StringComparison.Ordinal)
        .Replace("{severity}", Severity, StringComparison.Ordinal).Replace("{SEVERITY}", Severity.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{title}", Title, StringComparison.Ordinal).Replace("{body}", Body, StringComparison.Ordinal)
        .Replace("{time}", Time.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
