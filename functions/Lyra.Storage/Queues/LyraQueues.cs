using Azure.Storage.Queues;
using Lyra.Data.Updates;
using Lyra.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Storage.Queues;

/// <summary>Lyra's queues, with the configured prefix applied (empty under Azure Functions).</summary>
public sealed class LyraQueues(QueueServiceClient service, IOptions<StorageOptions> options)
{
    /// <summary>The <c>market-updates</c> queue.</summary>
    public QueueClient MarketUpdates { get; } = service.GetQueueClient(options.Value.QueuePrefix + QueueNames.MarketUpdates);

    /// <summary>Its poison queue.</summary>
    public QueueClient MarketUpdatesPoison { get; } = service.GetQueueClient(options.Value.QueuePrefix + QueueNames.MarketUpdatesPoison);
}
