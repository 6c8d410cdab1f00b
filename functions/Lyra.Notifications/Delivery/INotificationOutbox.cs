namespace Lyra.Notifications.Delivery;

/// <summary>
/// Notifications waiting to be delivered, kept in storage so that a restart loses none and a channel that took one is
/// not sent it again. Written in the step that has something to tell (an alert raised); drained by <see cref="NotificationDispatcher"/>.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Adds <paramref name="notification"/>, due at <paramref name="due"/> (null: its time); a second add of the same id keeps the first.</summary>
    Task AddAsync(Notification notification, DateTimeOffset? due = null, CancellationToken cancellationToken = default);

    /// <summary>Pending notifications due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records a round: the channels that took it so far; <paramref name="nextAttempt"/> null when it is finished (delivered everywhere, or given up).</summary>
    Task UpdateAsync(PendingNotification pending, DateTimeOffset? nextAttempt, string? lastError, CancellationToken cancellationToken = default);

    /// <summary>The newest notifications, finished or not (for the dashboard).</summary>
    Task<IReadOnlyList<PendingNotification>> ListRecentAsync(int limit, CancellationToken cancellationToken = default);
}

/// <summary>A notification in the outbox.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Delivered">Channels that took it.</param>
/// <param name="Rounds">Delivery rounds made.</param>
/// <param name="NextAttempt">When the next round is due; null once finished.</param>
/// <param name="LastError">The last failure.</param>
/// <param name="Version">Storage version (ETag) of what was read.</param>
/// <param name="HeldFor">Why it waits without a delivery round (<c>digest</c>, <c>quiet hours</c>); null once looked at for delivery.</param>
public sealed record PendingNotification(Notification Notification, IReadOnlyList<string> Delivered, int Rounds, DateTimeOffset? NextAttempt, string? LastError, string? Version,
    string? HeldFor = null);

/// <summary>Whether the alert a notification tells of was acknowledged (escalations stop there).</summary>
public interface IAlertAcknowledgements
{
    /// <summary>True when alert <paramref name="alertId"/> was acknowledged (or no longer exists).</summary>
    Task<bool> IsAcknowledgedAsync(string alertId, CancellationToken cancellationToken = default);
}
