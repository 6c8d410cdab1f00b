using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lyra.Notifications.Channels;

/// <summary>
/// Email over SMTP (MailKit): subject <c>[SEVERITY] title</c>, the body as plain text, the notification id in a header
/// for threading and dedup. Temporary failures (4xx replies, connection trouble) are retryable; permanent ones (5xx,
/// authentication) are not.
/// </summary>
public sealed class EmailChannel(string name, ChannelOptions options) : INotificationChannel
{
    /// <summary>The channel type.</summary>
    public const string TypeName = "email";

    /// <summary>Connection security values.</summary>
    public static IReadOnlyList<string> Securities { get; } = ["starttls", "ssl", "none"];

    /// <inheritdoc />
    public string Name => name;

    string INotificationChannel.Type => TypeName;

    /// <summary>The message for <paramref name="n"/>.</summary>
    public MimeMessage Compose(Notification n)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From!));
        foreach (var to in options.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"[{n.Severity.ToUpperInvariant()}] {n.Title}";
        message.Date = n.Time;
        message.Headers.Add("X-Lyra-Notification-Id", n.Id);
        var text = options.Template is { } t ? n.Render(t) : $"{n.Body}\n\nkind: {n.Kind}\nseverity: {n.Severity}\ntime: {n.Time:u}\nid: {n.Id}\n";
        message.Body = n.Html is null ? new TextPart("plain") { Text = text } : new BodyBuilder { TextBody = text, HtmlBody = n.Html }.ToMessageBody();
        return message;
    }

    /// <inheritdoc />
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        using var client = new SmtpClient { Timeout = 15_000 };
        var security = options.Security switch { "ssl" => SecureSocketOptions.SslOnConnect, "none" => SecureSocketOptions.None, _ => SecureSocketOptions.StartTls };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username)) await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            await client.SendAsync(Compose(notification), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            throw new NotificationDeliveryException($"{name}: {options.Host} answered {(int)e.StatusCode} {e.Message}", retryable: (int)e.StatusCode is >= 400 and < 500);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationDeliveryException($"{name}: {options.Host} refused the login ({e.Message})", retryable: false);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NotificationDeliveryException($"{name}: {options.Host}:{options.Port} did not take the message ({e.GetType().Name})", retryable: true);
        }
    }
}
