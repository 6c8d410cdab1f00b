namespace Lyra.Notifications.Channels;

/// <summary>One configured destination (a webhook, a mailbox, a phone).</summary>
public interface INotificationChannel
{
    /// <summary>The channel's name in the configuration (routes name channels).</summary>
    string Name { get; }

    /// <summary>The channel type (<c>webhook</c>, <c>slack</c>, <c>discord</c>, <c>teams</c>).</summary>
    string Type { get; }

    /// <summary>Sends once; failures are thrown (<see cref="NotificationDeliveryException"/> says whether to retry).</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}

/// <summary>A delivery failed.</summary>
/// <param name="message">What the channel answered.</param>
/// <param name="retryable">Whether trying again may succeed (a timeout, 429, 5xx), or not (400, 401, 404: the setting is wrong).</param>
public sealed class NotificationDeliveryException(string message, bool retryable) : Exception(message)
{
    /// <summary>Whether trying again may succeed.</summary>
    public bool Retryable { get; } = retryable;
}
