using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Lyra.Notifications.Channels;

/// <summary>
/// A Telegram chat through the Bot API (<c>sendMessage</c>, via Telegram.Bot): plain text, silent when the notification
/// is. Retryable: 429 (flood control), 5xx, no answer; not: 400 (chat not found), 401 (token revoked), 403 (the bot was
/// blocked or removed from the chat). The library's own 429 retries are off: <see cref="Delivery.Notifier"/> retries.
/// </summary>
public sealed class TelegramChannel(string name, string chatId, ITelegramBotClient bot, string? template = null) : INotificationChannel
{
    /// <summary>The channel type.</summary>
    public const string TypeName = "telegram";

    /// <summary>Longest message the Bot API takes.</summary>
    public const int MaxLength = 4096;

    /// <inheritdoc />
    public string Name => name;

    string INotificationChannel.Type => TypeName;

    /// <summary>A client for <paramref name="token"/> at <paramref name="baseUrl"/> (null: api.telegram.org).</summary>
    public static TelegramBotClient CreateClient(string token, string? baseUrl, HttpClient http) =>
        new(new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0 }, http);

    /// <inheritdoc />
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var full = notification.Render(template);
        var text = full.Length > MaxLength ? full[..(MaxLength - 1)] + "…" : full;
        try
        {
            await bot.SendMessage(ChatOf(chatId), text, disableNotification: notification.Silent, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException e)
        {
            throw new NotificationDeliveryException($"{name}: Telegram answered {e.ErrorCode} {e.Message}", retryable: e.ErrorCode is 429 or >= 500);
        }
        catch (RequestException e)
        {
            throw new NotificationDeliveryException($"{name}: Telegram did not answer ({e.InnerException?.GetType().Name ?? e.GetType().Name})", retryable: true);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NotificationDeliveryException($"{name}: Telegram did not answer ({e.GetType().Name})", retryable: true);
        }
    }

    // A numeric id (a private chat, or a group's negative id) or an @channel name.
    private static Telegram.Bot.Types.ChatId ChatOf(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? new(n) : new(id);
}
