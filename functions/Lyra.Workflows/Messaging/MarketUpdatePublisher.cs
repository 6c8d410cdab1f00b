using Azure.Storage.Queues;

namespace Lyra.Workflows.Messaging;

/// <summary>Sends <see cref="MarketUpdate"/>s to the <c>market-updates</c> queue (Base64, as the Functions queue trigger expects).</summary>
public sealed class MarketUpdatePublisher(LyraQueues queues)
{
    private readonly QueueClient _queue = queues.MarketUpdates;
    private volatile bool _created;

    /// <summary>The queue.</summary>
    public QueueClient Queue => _queue;

    /// <summary>Sends one update.</summary>
    public async Task PublishAsync(MarketUpdate update, CancellationToken cancellationToken = default)
    {
        if (!_created)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        await _queue.SendMessageAsync(update.ToJson(), cancellationToken);
    }
}
