using Azure.Messaging.ServiceBus;

namespace Lyra.Monitoring.Events;

/// <summary>
/// Drains the outbox to the topic: each event a message whose <c>MessageId</c> is the event id (the topic's duplicate
/// detection drops a republished one), <c>Subject</c> its type, <c>PartitionKey</c> its market. An event leaves the
/// outbox only after the topic accepted it; when Service Bus is down the events wait. A crash after the send and before
/// the removal republishes the same message ids, which duplicate detection drops within its window (1 hour in the Bicep).
/// </summary>
public sealed class TradeEventPublisher(IEventOutbox outbox, ServiceBusSender sender)
{
    /// <summary>Events per round.</summary>
    public const int BatchSize = 100;

    /// <summary>Publishes what is pending; returns how many events were published.</summary>
    /// <exception cref="ServiceBusException">The topic refused or could not be reached; what was not sent stays pending.</exception>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken = default)
    {
        var published = 0;
        while (true)
        {
            var pending = await outbox.ListPendingAsync(BatchSize, cancellationToken);
            if (pending.Count == 0) return published;
            // One send per market: a partitioned topic takes a batch of one partition key only.
            foreach (var market in pending.GroupBy(e => e.MarketKey, StringComparer.Ordinal))
            {
                List<TradeEvent> group = [.. market];
                await sender.SendMessagesAsync(group.Select(ToMessage), cancellationToken);
                await outbox.RemoveAsync(group, cancellationToken);
                published += group.Count;
            }

            if (pending.Count < BatchSize) return published;
        }
    }

    /// <summary>The message of an event.</summary>
    public static ServiceBusMessage ToMessage(TradeEvent e)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(e.Data))
        {
            MessageId = e.Id,
            Subject = e.Type,
            ContentType = "application/json",
        };
        if (e.MarketKey.Length > 0)
        {
            message.PartitionKey = e.MarketKey;
            message.ApplicationProperties["market"] = e.MarketKey;
        }

        message.ApplicationProperties["time"] = e.Time;
        return message;
    }
}
