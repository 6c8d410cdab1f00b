using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lyra.Notifications.Channels;

/// <summary>
/// Text messages through Twilio's REST API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form fields
/// <c>To</c>, <c>From</c>, <c>Body</c>, HTTP Basic with the account SID and auth token; one message per recipient.
/// Twilio's error body (<c>{"code","message","status"}</c>) is quoted in the receipt. Retryable: 429, 5xx, no answer;
/// not: 400 (a bad number, code 21211), 401 (code 20003). Silent notifications are not texted (a text always rings).
/// </summary>
public sealed class SmsChannel(string name, ChannelOptions options, HttpClient http) : INotificationChannel
{
    /// <summary>The channel type.</summary>
    public const string TypeName = "sms";

    /// <summary>Twilio's API.</summary>
    public const string DefaultBaseUrl = "https://api.twilio.com";

    /// <summary>Longest body Twilio takes (it splits it into segments).</summary>
    public const int MaxLength = 1600;

    /// <inheritdoc />
    public string Name => name;

    string INotificationChannel.Type => TypeName;

    /// <inheritdoc />
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var full = notification.Render(options.Template);
        var text = full.Length > MaxLength ? full[..(MaxLength - 1)] + "…" : full;
        var root = (options.BaseUrl ?? DefaultBaseUrl).TrimEnd('/');
        var url = new Uri($"{root}/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid!)}/Messages.json");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.AccountSid + ":" + options.AuthToken));
        foreach (var to in options.To)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("To", to), new("From", options.From!), new("Body", text)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            if (await HttpDelivery.SendAsync(http, request, name, DetailAsync, cancellationToken) is { } failed)
            {
                throw new NotificationDeliveryException($"{name}: Twilio answered {failed.Status}{failed.Detail} for {Mask(to)}", HttpDelivery.Retryable(failed.Status));
            }
        }
    }

    // Twilio's error document: {"code": 21211, "message": "...", "more_info": "...", "status": 400}.
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var code = doc.RootElement.TryGetProperty("code", out var c) ? " (" + c + ")" : "";
            return doc.RootElement.TryGetProperty("message", out var m) ? $" {m.GetString()}{code}" : code;
        }
        catch (JsonException)
        {
            return " " + response.ReasonPhrase;
        }
    }

    // A phone number is personal: receipts show its last digits only.
    private static string Mask(string number) => number.Length <= 4 ? "…" : "…" + number[^4..];
}
