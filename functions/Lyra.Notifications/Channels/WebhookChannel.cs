using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lyra.Notifications.Channels;

/// <summary>
/// An HTTP POST of the notification. <c>webhook</c>: Lyra's JSON, signed when a secret is set: header
/// <see cref="SignatureHeader"/> <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, so a receiver can check
/// both who sent it and that it is fresh. <c>slack</c> (<c>{"text"}</c>), <c>discord</c> (<c>{"content"}</c>) and
/// <c>teams</c> (a MessageCard) use those services' incoming-webhook formats, whose URL is the secret.
/// </summary>
public sealed class WebhookChannel(string name, string type, Uri url, string? secret, HttpClient http, TimeProvider time, string? template = null) : INotificationChannel
{
    /// <summary>The signature header of <c>webhook</c> channels.</summary>
    public const string SignatureHeader = "X-Lyra-Signature";

    /// <summary>The types this channel speaks.</summary>
    public static IReadOnlyList<string> Types { get; } = ["webhook", "slack", "discord", "teams"];

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public string Type => type;

    /// <summary>The body for <paramref name="n"/> in this channel's format.</summary>
    public string Format(Notification n)
    {
        var line = $"[{n.Severity.ToUpperInvariant()}] {n.Title}";
        object payload = type switch
        {
            "slack" => new { text = template is null ? $"*{line}*\n{n.Body}" : n.Render(template) },
            "discord" => new { content = template is null ? $"**{line}**\n{n.Body}" : n.Render(template) },
            "teams" => new Dictionary<string, object>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = line,
                ["themeColor"] = n.Severity == "critical" ? "D13438" : n.Severity == "warning" ? "FFB900" : "0078D4",
                ["title"] = line,
                ["text"] = n.Body,
            },
            _ => new { id = n.Id, kind = n.Kind, severity = n.Severity, title = n.Title, body = n.Body, time = n.Time },
        };
        return JsonSerializer.Serialize(payload);
    }

    /// <summary>The signature header value for <paramref name="body"/> at <paramref name="unixSeconds"/>.</summary>
    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body));
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <inheritdoc />
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var body = Format(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (type == "webhook" && !string.IsNullOrEmpty(secret)) request.Headers.Add(SignatureHeader, Sign(secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add("X-Lyra-Notification-Id", notification.Id);
        if (await HttpDelivery.SendAsync(http, request, name, null, cancellationToken) is { } failed)
        {
            throw new NotificationDeliveryException($"{name}: {url.Host} answered {failed.Status}{failed.Detail}", HttpDelivery.Retryable(failed.Status));
        }
    }
}
