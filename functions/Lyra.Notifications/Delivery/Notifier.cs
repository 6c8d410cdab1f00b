using System.Collections.Concurrent;
using Lyra.Notifications.Channels;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications.Delivery;

/// <summary>
/// Delivers notifications: to the channels the routes pick (kind and least severity) or to one named channel, each with
/// retries on retryable failures (the delay doubles), and keeps the last receipt per channel. A notification id
/// delivered in the last hour is not delivered again by this host.
/// </summary>
public sealed class Notifier(IEnumerable<INotificationChannel> channels, IOptionsMonitor<NotificationOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DeliveryReceipt> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    /// <summary>The configured channels.</summary>
    public IReadOnlyList<INotificationChannel> Channels { get; } = [.. channels];

    /// <summary>The last receipt of <paramref name="channel"/>, if it was ever used.</summary>
    public DeliveryReceipt? LastReceipt(string channel) => _last.GetValueOrDefault(channel);

    /// <summary>The settings in force.</summary>
    public NotificationOptions Options => options.CurrentValue;

    /// <summary>
    /// The channel names the routes pick for <paramref name="n"/> (an escalation: the routes' escalation channels; no SMS
    /// for a silent one: a text always rings).
    /// </summary>
    public IReadOnlyList<string> Route(Notification n) =>
        [.. Matching(n)
            .Where(r => n.Escalates is null || r.EscalateAfterMinutes > 0)
            .SelectMany(r => n.Escalates is null ? r.Channels : r.EscalateTo).Distinct(StringComparer.Ordinal)
            .Where(c => !n.Silent || Channels.FirstOrDefault(x => x.Name == c)?.Type != SmsChannel.TypeName)];

    /// <summary>The shortest escalation delay of the routes that take <paramref name="n"/>; null when none escalates.</summary>
    public TimeSpan? EscalationDelay(Notification n) =>
        Matching(n).Where(r => r.EscalateAfterMinutes > 0).Select(r => (TimeSpan?)TimeSpan.FromMinutes(r.EscalateAfterMinutes)).Min();

    private IEnumerable<RouteOptions> Matching(Notification n) => options.CurrentValue.Routes
        .Where(r => (r.Kinds.Count == 0 || r.Kinds.Contains(n.Kind, StringComparer.Ordinal)) && Notification.Rank(n.Severity) >= Notification.Rank(r.MinSeverity));

    /// <summary>Delivers <paramref name="n"/> to <paramref name="channelNames"/> (null: the routed channels); one receipt per channel.</summary>
    public async Task<IReadOnlyList<DeliveryReceipt>> SendAsync(Notification n, IReadOnlyList<string>? channelNames = null, CancellationToken cancellationToken = default)
    {
        var targets = channelNames ?? Route(n);
        var receipts = new List<DeliveryReceipt>();
        foreach (var name in targets)
        {
            var channel = Channels.FirstOrDefault(c => c.Name == name) ?? throw new Core.Errors.ValidationException("channel", $"there is no channel '{name}'");
            var key = name + "|" + n.Id;
            if (_sent.TryGetValue(key, out var when) && time.GetUtcNow() - when < Remember)
            {
                receipts.Add(new DeliveryReceipt(name, n.Id, true, 0, "already delivered", time.GetUtcNow()));
                continue;
            }

            if (Throttled(name) is { } limit)
            {
                // A flood (a burst of alerts, a misrouted event kind) waits instead of spamming the channel: the
                // dispatcher tries it again in a later round.
                var held = new DeliveryReceipt(name, n.Id, false, 0, $"rate limited: {limit} deliveries in the last minute ({NotificationOptions.Section}:Channels:{name}:MaxPerMinute)", time.GetUtcNow());
                _last[name] = held;
                receipts.Add(held);
                continue;
            }

            var receipt = await DeliverAsync(channel, n, cancellationToken);
            if (receipt.Delivered) _sent[key] = receipt.At;
            _last[name] = receipt;
            receipts.Add(receipt);
        }

        foreach (var old in _sent.Where(p => time.GetUtcNow() - p.Value >= Remember).Select(p => p.Key).ToList()) _sent.TryRemove(old, out _);
        return receipts;
    }

    // The limit when the channel has used it up in the last minute; otherwise counts this delivery and returns null.
    private int? Throttled(string channel)
    {
        var limit = options.CurrentValue.Channels.TryGetValue(channel, out var c) ? c.MaxPerMinute : 0;
        if (limit <= 0) return null;
        var now = time.GetUtcNow();
        var window = _recent.GetOrAdd(channel, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromMinutes(1)) window.Dequeue();
            if (window.Count >= limit) return limit;
            window.Enqueue(now);
            return null;
        }
    }

    private async Task<DeliveryReceipt> DeliverAsync(INotificationChannel channel, Notification n, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var delay = TimeSpan.FromSeconds(o.RetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await channel.SendAsync(n, ct);
                return new DeliveryReceipt(channel.Name, n.Id, true, attempt, "delivered", time.GetUtcNow());
            }
            catch (NotificationDeliveryException e) when (e.Retryable && attempt < o.MaxAttempts)
            {
                await Task.Delay(delay, time, ct);
                delay *= 2;
            }
            catch (NotificationDeliveryException e)
            {
                return new DeliveryReceipt(channel.Name, n.Id, false, attempt, e.Message, time.GetUtcNow());
            }
        }
    }
}
