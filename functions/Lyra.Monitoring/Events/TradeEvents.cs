using System.Text.Json;
using Lyra.Core.Json;

namespace Lyra.Monitoring.Events;

/// <summary>
/// Where the steps that change state write their events: the outbox when events are on, and the observer (the
/// notification outbox, when routes exist) — nowhere when neither is.
/// </summary>
/// <param name="outbox">The outbox, or null when events are off (<c>Lyra:Events:Outbox</c>).</param>
/// <param name="time">Clock of the events.</param>
/// <param name="observer">Also told of every event, in the same step (it must be idempotent by event id).</param>
public sealed class TradeEvents(IEventOutbox? outbox, TimeProvider time, Func<TradeEvent, CancellationToken, Task>? observer = null)
{
    /// <summary>True when events are kept or observed.</summary>
    public bool Enabled => outbox is not null || observer is not null;

    /// <summary>Writes an event (its id must be deterministic for what happened).</summary>
    public async Task WriteAsync<T>(string id, string type, string marketKey, T data, CancellationToken cancellationToken = default)
    {
        if (!Enabled) return;
        var e = new TradeEvent(id, type, marketKey, time.GetUtcNow(), JsonSerializer.Serialize(data, LyraJson.Options));
        if (outbox is not null) await outbox.AddAsync(e, cancellationToken);
        if (observer is not null) await observer(e, cancellationToken);
    }
}
