namespace Lyra.Notifications.Delivery;

/// <summary>
/// Drains the <see cref="INotificationOutbox"/>: each due notification goes to the routed channels that have not taken it
/// yet (each with its own quick retries); what is left is tried again after a doubling pause (1 min, 2, 4 … up to
/// <see cref="MaxRounds"/> rounds), then given up with its last error. A channel that took it is recorded at once, so a
/// restart resends only to the others (a crash between a channel's answer and the record resends that one once, with
/// the same notification id for the receiver to dedupe on).
/// </summary>
public sealed class NotificationDispatcher(INotificationOutbox outbox, Notifier notifier, TimeProvider time)
{
    /// <summary>Rounds before a notification is given up.</summary>
    public const int MaxRounds = 8;

    /// <summary>Pause after the first failed round (doubled after each next one).</summary>
    public static TimeSpan FirstPause { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Delivers what is due; returns how many notifications were finished.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var finished = 0;
        foreach (var p in await outbox.ListDueAsync(time.GetUtcNow(), 50, cancellationToken))
        {
            var missing = notifier.Route(p.Notification).Where(c => !p.Delivered.Contains(c)).ToList();
            var delivered = new List<string>(p.Delivered);
            string? error = null;
            if (missing.Count > 0)
            {
                foreach (var r in await notifier.SendAsync(p.Notification, missing, cancellationToken))
                {
                    if (r.Delivered) delivered.Add(r.Channel);
                    else error = r.Detail;
                }
            }

            var rounds = p.Rounds + 1;
            var done = error is null || rounds >= MaxRounds;
            var next = done ? (DateTimeOffset?)null : time.GetUtcNow() + (FirstPause * Math.Pow(2, rounds - 1));
            await outbox.UpdateAsync(p with { Delivered = delivered, Rounds = rounds }, next, error, cancellationToken);
            if (done) finished++;
        }

        return finished;
    }
}
