namespace Lyra.Monitoring.Events;

/// <summary>
/// Events waiting to be published. Written in the same step as the change they describe (idempotent by event id, so a
/// retried step adds nothing), removed only after the topic accepted them: nothing is lost while Service Bus is down.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Keeps <paramref name="e"/> until published (a second add of the same id changes nothing).</summary>
    Task AddAsync(TradeEvent e, CancellationToken cancellationToken = default);

    /// <summary>The oldest pending events, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TradeEvent>> ListPendingAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Forgets published events.</summary>
    Task RemoveAsync(IReadOnlyList<TradeEvent> published, CancellationToken cancellationToken = default);
}
