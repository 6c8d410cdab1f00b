namespace Lyra.Notifications.Delivery;

/// <summary>
/// Drains the <see cref="INotificationOutbox"/>. Each due notification is first looked at against the settings
/// (<see cref="NotificationPolicy"/>): <c>off</c> finishes it undelivered, <c>digest</c> holds it for the next digest,
/// quiet hours hold it for their end, <c>silent</c> sends it without sound. Then it goes to the routed channels that have
/// not taken it yet (each with its own quick retries); what is left is tried again after a doubling pause (1 min, 2, 4 …
/// up to <see cref="MaxRounds"/> rounds), then given up with its last error. A channel that took it is recorded at once,
/// so a restart resends only to the others (a crash between a channel's answer and the record resends that one once,
/// with the same notification id for the receiver to dedupe on). An alert delivered through a route that escalates is
/// followed by an escalation, due after the route's minutes, that is sent only if nobody acknowledged the alert by then.
/// </summary>
public sealed class NotificationDispatcher(INotificationOutbox outbox, Notifier notifier, TimeProvider time, IAlertAcknowledgements? acknowledgements = null)
{
    /// <summary>Rounds before a notification is given up.</summary>
    public const int MaxRounds = 8;

    /// <summary>Held for the digest.</summary>
    public const string HeldForDigest = "digest";

    /// <summary>Held for the end of the quiet hours.</summary>
    public const string HeldForQuietHours = "quiet hours";

    /// <summary>Pause after the first failed round (doubled after each next one).</summary>
    public static TimeSpan FirstPause { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Delivers what is due; returns how many notifications were finished.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var o = notifier.Options;
        var now = time.GetUtcNow();
        var finished = 0;
        var digests = new Dictionary<string, List<PendingNotification>>(StringComparer.Ordinal);
        foreach (var p in await outbox.ListDueAsync(now, 200, cancellationToken))
        {
            var n = p.Notification;
            if (p.HeldFor == HeldForDigest)
            {
                (digests.TryGetValue(n.Kind, out var list) ? list : digests[n.Kind] = []).Add(p);
                continue;
            }

            var mode = NotificationPolicy.ModeOf(o, n.Kind);
            if (p.Rounds == 0 && p.HeldFor is null)
            {
                if (mode == NotificationPolicy.Off)
                {
                    await outbox.UpdateAsync(p, null, $"off ({NotificationOptions.Section}:Events:{n.Kind})", cancellationToken);
                    finished++;
                    continue;
                }

                if (mode == NotificationPolicy.Digest && n.Escalates is null)
                {
                    await outbox.UpdateAsync(p with { HeldFor = HeldForDigest }, NotificationPolicy.NextDigest(o, now), null, cancellationToken);
                    continue;
                }
            }

            if (NotificationPolicy.QuietUntil(o, now, n.Severity) is { } end)
            {
                await outbox.UpdateAsync(p with { HeldFor = HeldForQuietHours }, end, null, cancellationToken);
                continue;
            }

            if (n.Escalates is not null && n.AlertId is { } alert && acknowledgements is not null && await acknowledgements.IsAcknowledgedAsync(alert, cancellationToken))
            {
                await outbox.UpdateAsync(p with { HeldFor = null }, null, "acknowledged: not escalated", cancellationToken);
                finished++;
                continue;
            }

            if (await RoundAsync(p with { HeldFor = null }, mode == NotificationPolicy.Silent ? n with { Silent = true } : n, cancellationToken)) finished++;
        }

        foreach (var (_, held) in digests) finished += await DigestAsync(held, o, now, cancellationToken);
        return finished;
    }

    // One delivery round for p (sent as n); true when it is finished.
    private async Task<bool> RoundAsync(PendingNotification p, Notification n, CancellationToken ct)
    {
        var missing = notifier.Route(n).Where(c => !p.Delivered.Contains(c)).ToList();
        var delivered = new List<string>(p.Delivered);
        string? error = null;
        if (missing.Count > 0)
        {
            foreach (var r in await notifier.SendAsync(n, missing, ct))
            {
                if (r.Delivered) delivered.Add(r.Channel);
                else error = r.Detail;
            }
        }

        var rounds = p.Rounds + 1;
        var done = error is null || rounds >= MaxRounds;
        var now = time.GetUtcNow();
        var next = done ? (DateTimeOffset?)null : now + (FirstPause * Math.Pow(2, rounds - 1));
        await outbox.UpdateAsync(p with { Delivered = delivered, Rounds = rounds }, next, error, ct);
        if (done && delivered.Count > 0 && n.AlertId is not null && n.Escalates is null && notifier.EscalationDelay(n) is { } after)
        {
            // Written after the alert went out; its id makes a repeated round add nothing.
            await outbox.AddAsync(n with { Id = n.Id + "|escalation", Escalates = n.Id, Title = "Not acknowledged: " + n.Title, Silent = false }, now + after, ct);
        }

        return done;
    }

    // The held notifications of one kind as one message; each is finished with the digest's outcome.
    private async Task<int> DigestAsync(List<PendingNotification> held, NotificationOptions o, DateTimeOffset now, CancellationToken ct)
    {
        var first = held.MinBy(p => p.NextAttempt)!;
        var digest = NotificationPolicy.Combine([.. held.Select(p => p.Notification)], first.NextAttempt ?? now, o.DigestMinutes);
        if (NotificationPolicy.QuietUntil(o, now, digest.Severity) is { } end)
        {
            foreach (var p in held) await outbox.UpdateAsync(p, end, null, ct);
            return 0;
        }

        var missing = notifier.Route(digest).Where(c => !first.Delivered.Contains(c)).ToList();
        var delivered = new List<string>(first.Delivered);
        string? error = null;
        if (missing.Count > 0)
        {
            foreach (var r in await notifier.SendAsync(digest, missing, ct))
            {
                if (r.Delivered) delivered.Add(r.Channel);
                else error = r.Detail;
            }
        }

        var rounds = first.Rounds + 1;
        var done = error is null || rounds >= MaxRounds;
        var next = done ? (DateTimeOffset?)null : now + (FirstPause * Math.Pow(2, rounds - 1));
        foreach (var p in held)
        {
            // A digest that failed somewhere stays held, so the retry is a digest again.
            await outbox.UpdateAsync(p with { Delivered = delivered, Rounds = rounds, HeldFor = done ? null : HeldForDigest }, next, error ?? (done ? $"sent in {digest.Id}" : null), ct);
        }

        return done ? held.Count : 0;
    }
}
