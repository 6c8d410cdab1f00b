using Azure.Storage.Queues;
using Lyra.Data.Updates;

namespace Lyra.Storage.Queues;

/// <summary>Sends <see cref="MarketUpdate"/>s to the <c>market-updates</c> queue (Base64, as the Functions queue trigger expects).</summary>
public sealed class QueueMarketUpdatePublisher(LyraQueues queues) : IMarketUpdatePublisher
{
    private readonly QueueClient _queue = queues.MarketUpdates;
    private volatile bool _created;

    /// <inheritdoc />
    public async Task PublishAsync(MarketUpdate update, CancellationToken cancellationToken = default)
    {
        if (!_created)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        await _queue.SendMessageAsync(update.ToJson(), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> BacklogAsync(CancellationToken cancellationToken = default)
    {
        if (!(await queues.MarketUpdates.ExistsAsync(cancellationToken)).Value) return 0;
        return (await queues.MarketUpdates.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
    }
}
