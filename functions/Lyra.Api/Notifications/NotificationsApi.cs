using System.Globalization;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Notifications;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Notifications;

/// <summary>
/// <c>GET /api/notifications/channels</c> (each channel with its routes and last delivery), <c>POST /api/notifications/send</c>
/// (a message to one channel or to the routed ones) and <c>POST /api/notifications/alert</c> (an alert through the routes).
/// </summary>
public sealed class NotificationsApi(Notifier notifier, IOptionsMonitor<NotificationOptions> options, INotificationOutbox outbox, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.NotificationsRecent, ApiRoutes.NotificationChannels, ApiRoutes.NotificationSend, ApiRoutes.NotificationAlert];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "NotificationChannels" => Task.FromResult(Channels(request)),
        "NotificationsRecent" => RecentAsync(request, cancellationToken),
        "NotificationSend" => SendAsync(request, cancellationToken),
        _ => AlertAsync(request, cancellationToken),
    };

    private ApiResult Channels(ApiRequest request)
    {
        request.Query();
        var o = options.CurrentValue;
        var rows = notifier.Channels.Select(c => new ChannelRow(c.Name, c.Type,
            // The URL of an incoming webhook is its secret: the host only.
            o.Channels.TryGetValue(c.Name, out var co) && Uri.TryCreate(co.Url, UriKind.Absolute, out var u) ? u.Host : co?.Host ?? "",
            !string.IsNullOrEmpty(co?.Secret),
            [.. o.Routes.Where(r => r.Channels.Contains(c.Name)).Select(r => $"{(r.Kinds.Count == 0 ? "*" : string.Join(",", r.Kinds))} ≥ {r.MinSeverity}")],
            notifier.LastReceipt(c.Name))).ToList();
        return ApiResult.Ok(rows, ApiRoutes.NotificationChannels.Module, time.GetUtcNow());
    }

    // The delivery receipts people look for: each notification with the channels that took it, rounds, what is pending and why.
    private async Task<ApiResult> RecentAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("limit");
        var rows = (await outbox.ListRecentAsync(q.Limit(50, 500), ct)).Select(p => new NotificationRow(p.Notification.Id, p.Notification.Kind, p.Notification.Severity,
            p.Notification.Title, p.Notification.Time, p.Delivered, p.Rounds, p.NextAttempt is null ? (p.LastError is null ? "delivered" : "finished") : p.HeldFor is { } held ? "held: " + held : "pending",
            p.NextAttempt, p.LastError)).ToList();
        return ApiResult.Ok(rows, ApiRoutes.NotificationsRecent.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> SendAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<SendRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        if (string.IsNullOrWhiteSpace(body.Title)) throw new ValidationException("title", "title is required");
        var severity = Severity(body.Severity ?? "info", "severity");
        var n = new Notification(body.Id ?? NewId("msg"), "message", severity, body.Title, body.Body ?? "", time.GetUtcNow());
        var receipts = await notifier.SendAsync(n, body.Channel is { } c ? [c] : null, ct);
        return Answer(ApiRoutes.NotificationSend, receipts);
    }

    private async Task<ApiResult> AlertAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<AlertRequest>(required: true, ct) ?? throw new ValidationException("$", "body must be a JSON object");
        if (string.IsNullOrWhiteSpace(body.Kind)) throw new ValidationException("kind", "kind is required (an alert kind such as exchange_down)");
        if (string.IsNullOrWhiteSpace(body.Message)) throw new ValidationException("message", "message is required");
        var n = new Notification(body.Id ?? NewId("alert"), body.Kind, Severity(body.Severity ?? "warning", "severity"), $"{body.Kind}: {FirstLine(body.Message)}", body.Message,
            time.GetUtcNow());
        return Answer(ApiRoutes.NotificationAlert, await notifier.SendAsync(n, null, ct));
    }

    private ApiResult Answer(ApiRoute route, IReadOnlyList<DeliveryReceipt> receipts) =>
        ApiResult.Ok(receipts, route.Module, time.GetUtcNow(), receipts.Count == 0 ? "no route takes this notification"
            : string.Create(CultureInfo.InvariantCulture, $"delivered to {receipts.Count(r => r.Delivered)} of {receipts.Count} channel(s)"));

    private static string Severity(string s, string field) =>
        Notification.Rank(s) >= 0 ? s : throw new ValidationException(field, $"'{s}' is not one of {string.Join(", ", Notification.Severities)}");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim() is { Length: > 120 } l ? l[..120] + "…" : text.Split('\n')[0].Trim();

    private string NewId(string prefix) => prefix + "-" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>A channel as <c>GET /api/notifications/channels</c> shows it.</summary>
/// <param name="Name">Name.</param>
/// <param name="Type">Type.</param>
/// <param name="Host">The URL's host (the rest of an incoming-webhook URL is a secret).</param>
/// <param name="SignsDeliveries">Whether deliveries carry an HMAC signature.</param>
/// <param name="Routes">The routes that use it (<c>kinds ≥ severity</c>).</param>
/// <param name="LastDelivery">Its last receipt on this host.</param>
public sealed record ChannelRow(string Name, string Type, string Host, bool SignsDeliveries, IReadOnlyList<string> Routes, DeliveryReceipt? LastDelivery);

/// <summary>A notification as <c>GET /api/notifications</c> shows it.</summary>
/// <param name="Id">Id.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Title">Title.</param>
/// <param name="Time">When it happened.</param>
/// <param name="DeliveredTo">Channels that took it.</param>
/// <param name="Rounds">Delivery rounds so far.</param>
/// <param name="State"><c>delivered</c>, <c>finished</c> (given up, off, or acknowledged before its escalation), <c>pending</c> or <c>held: …</c>.</param>
/// <param name="NextAttempt">When it is looked at next.</param>
/// <param name="LastError">The last failure or why it finished undelivered.</param>
public sealed record NotificationRow(string Id, string Kind, string Severity, string Title, DateTimeOffset Time, IReadOnlyList<string> DeliveredTo, int Rounds, string State,
    DateTimeOffset? NextAttempt, string? LastError);

/// <summary>The body of <c>POST /api/notifications/send</c>.</summary>
/// <param name="Title">One line.</param>
/// <param name="Body">Details.</param>
/// <param name="Severity">info (default), warning or critical.</param>
/// <param name="Channel">One channel; without it the routes for kind <c>message</c> pick.</param>
/// <param name="Id">Idempotency id (a repeat is not delivered again).</param>
public sealed record SendRequest(string? Title, string? Body, string? Severity, string? Channel, string? Id);

/// <summary>The body of <c>POST /api/notifications/alert</c>.</summary>
/// <param name="Kind">Alert kind.</param>
/// <param name="Message">What happened.</param>
/// <param name="Severity">warning (default) or critical, info.</param>
/// <param name="Id">Idempotency id.</param>
public sealed record AlertRequest(string? Kind, string? Message, string? Severity, string? Id);
