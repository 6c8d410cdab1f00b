using Lyra.Notifications.Channels;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications;

/// <summary>Start-up validation of <see cref="NotificationOptions"/>: each failure names its setting.</summary>
public sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NotificationOptions o)
    {
        var f = new List<string>();
        const string s = NotificationOptions.Section;
        foreach (var (channel, c) in o.Channels)
        {
            var key = $"{s}:Channels:{channel}";
            if (c.Template is { } template)
            {
                var unknown = System.Text.RegularExpressions.Regex.Matches(template, "{[^}]*}").Select(m => m.Value).Where(v => !Notification.Placeholders.Contains(v)).ToList();
                if (unknown.Count > 0) f.Add($"{key}:Template: {string.Join(", ", unknown)} is not one of {string.Join(", ", Notification.Placeholders)}");
            }

            if (c.MaxPerMinute is < 0 or > 10_000) f.Add($"{key}:MaxPerMinute: {c.MaxPerMinute} is outside 0..10000");
            if (c.Type == EmailChannel.TypeName)
            {
                if (string.IsNullOrWhiteSpace(c.Host)) f.Add($"{key}:Host: the SMTP server is required");
                if (c.Port is < 1 or > 65535) f.Add($"{key}:Port: {c.Port} is outside 1..65535");
                if (!EmailChannel.Securities.Contains(c.Security)) f.Add($"{key}:Security: '{c.Security}' is not one of {string.Join(", ", EmailChannel.Securities)}");
                if (c.Security == "none" && !IsLoopback(c.Host)) f.Add($"{key}:Security: none sends in clear text: only to a relay on this machine");
                if (!MimeKit.MailboxAddress.TryParse(c.From ?? "", out _)) f.Add($"{key}:From: '{c.From}' is not an email address");
                if (c.To.Count == 0) f.Add($"{key}:To: name at least one recipient");
                for (var i = 0; i < c.To.Count; i++)
                {
                    if (!MimeKit.MailboxAddress.TryParse(c.To[i], out _)) f.Add($"{key}:To:{i}: '{c.To[i]}' is not an email address");
                }

                continue;
            }

            if (c.Type == TelegramChannel.TypeName)
            {
                if (c.Token is null || !TelegramToken().IsMatch(c.Token)) f.Add($"{key}:Token: the bot token is missing or not in BotFather's form <bot id>:<secret>");
                if (string.IsNullOrWhiteSpace(c.ChatId) || !(long.TryParse(c.ChatId, out _) || c.ChatId.StartsWith('@'))) f.Add($"{key}:ChatId: '{c.ChatId}' is not a chat id or @channel");
                CheckBaseUrl(c, key, f);
                continue;
            }

            if (c.Type == SmsChannel.TypeName)
            {
                if (c.AccountSid is null || !TwilioSid().IsMatch(c.AccountSid)) f.Add($"{key}:AccountSid: the Twilio account SID is missing or not AC followed by 32 hex digits");
                if (string.IsNullOrWhiteSpace(c.AuthToken)) f.Add($"{key}:AuthToken: the Twilio auth token is required (keep it in the vault)");
                if (c.From is null || !PhoneNumber().IsMatch(c.From)) f.Add($"{key}:From: '{c.From}' is not a phone number in E.164 form (+15005550006)");
                if (c.To.Count == 0) f.Add($"{key}:To: name at least one phone number");
                for (var i = 0; i < c.To.Count; i++)
                {
                    if (!PhoneNumber().IsMatch(c.To[i])) f.Add($"{key}:To:{i}: the number is not in E.164 form (+15005550006)");
                }

                CheckBaseUrl(c, key, f);
                continue;
            }

            if (!WebhookChannel.Types.Contains(c.Type)) f.Add($"{key}:Type: '{c.Type}' is not one of {string.Join(", ", WebhookChannel.Types.Append(EmailChannel.TypeName).Append(TelegramChannel.TypeName).Append(SmsChannel.TypeName))}");
            if (!Uri.TryCreate(c.Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                f.Add($"{key}:Url: '{Mask(c.Url)}' is not an https address (http only on loopback)");
            }
        }

        for (var i = 0; i < o.Routes.Count; i++)
        {
            var r = o.Routes[i];
            var key = $"{s}:Routes:{i}";
            if (Notification.Rank(r.MinSeverity) < 0) f.Add($"{key}:MinSeverity: '{r.MinSeverity}' is not one of {string.Join(", ", Notification.Severities)}");
            if (r.Channels.Count == 0) f.Add($"{key}:Channels: name at least one channel");
            foreach (var c in r.Channels.Where(c => !o.Channels.ContainsKey(c))) f.Add($"{key}:Channels: there is no channel '{c}' ({s}:Channels:{c}:Url)");
            foreach (var c in r.EscalateTo.Where(c => !o.Channels.ContainsKey(c))) f.Add($"{key}:EscalateTo: there is no channel '{c}'");
            if (r.EscalateAfterMinutes is < 0 or > 1440) f.Add($"{key}:EscalateAfterMinutes: {r.EscalateAfterMinutes} is outside 0..1440");
            if (r.EscalateAfterMinutes > 0 && r.EscalateTo.Count == 0) f.Add($"{key}:EscalateTo: name the channels to escalate to");
        }

        foreach (var (kind, mode) in o.Events.Where(e => !NotificationPolicy.Modes.Contains(e.Value)))
        {
            f.Add($"{s}:Events:{kind}: '{mode}' is not one of {string.Join(", ", NotificationPolicy.Modes)}");
        }

        if (o.DigestMinutes is < 1 or > 1440) f.Add($"{s}:DigestMinutes: {o.DigestMinutes} is outside 1..1440");
        var q = o.QuietHours;
        if (q.Start is not null || q.End is not null)
        {
            if (!NotificationPolicy.TryParseTime(q.Start, out _)) f.Add($"{s}:QuietHours:Start: '{q.Start}' is not a time of day HH:mm");
            if (!NotificationPolicy.TryParseTime(q.End, out _)) f.Add($"{s}:QuietHours:End: '{q.End}' is not a time of day HH:mm");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(q.TimeZone, out _)) f.Add($"{s}:QuietHours:TimeZone: '{q.TimeZone}' is not a time zone this machine knows (IANA ids, e.g. Europe/Berlin)");
        if (Notification.Rank(q.MinSeverity) < 0) f.Add($"{s}:QuietHours:MinSeverity: '{q.MinSeverity}' is not one of {string.Join(", ", Notification.Severities)}");
        if (o.MaxAttempts is < 1 or > 10) f.Add($"{s}:MaxAttempts: {o.MaxAttempts} is outside 1..10");
        if (o.DispatchSeconds is < 0 or > 3600) f.Add($"{s}:DispatchSeconds: {o.DispatchSeconds} is outside 0..3600");
        if (o.RetryDelaySeconds is < 0 or > 600) f.Add($"{s}:RetryDelaySeconds: {o.RetryDelaySeconds} is outside 0..600");
        return f.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(f);
    }

    private static void CheckBaseUrl(ChannelOptions c, string key, List<string> f)
    {
        if (c.BaseUrl is null) return;
        if (!Uri.TryCreate(c.BaseUrl, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            f.Add($"{key}:BaseUrl: '{c.BaseUrl}' is not an https address (http only on loopback)");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{3,}:[A-Za-z0-9_-]{20,}$")]
    private static partial System.Text.RegularExpressions.Regex TelegramToken();

    [System.Text.RegularExpressions.GeneratedRegex(@"^AC[0-9a-fA-F]{32}$")]
    private static partial System.Text.RegularExpressions.Regex TwilioSid();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumber();

    private static bool IsLoopback(string? host) => host is "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    // An incoming-webhook URL carries its secret in the path: messages show the host only.
    private static string Mask(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}/…" : url ?? "";
}
