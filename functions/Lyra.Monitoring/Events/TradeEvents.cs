using System.Text.Json;
using Lyra.Core.Json;

namespace Lyra.Monitoring.Events;

/// <summary>Where the steps that change state write their events: the outbox when events are on, nowhere otherwise.</summary>
/// <param name="outbox">The outbox, or null when events are off (<c>Lyra:Events:Outbox</c>).</param>
/// <param name="time">Clock of the events.</param>
public sealed class TradeEvents(IEventOutbox? outbox, TimeProvider time)
{
    /// <summary>True when events are kept.</summary>
    public bool Enabled => outbox is not null;

    /// <summary>Writes an event (its id must be deterministic for what happened).</summary>
    public Task WriteAsync<T>(string id, string type, string marketKey, T data, CancellationToken cancellationToken = default) =>
        outbox is null
            ? Task.CompletedTask
            : outbox.AddAsync(new TradeEvent(id, type, marketKey, time.GetUtcNow(), JsonSerializer.Serialize(data, LyraJson.Options)), cancellationToken);
}
