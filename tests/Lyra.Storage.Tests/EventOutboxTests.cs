using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Lyra.Monitoring.Events;
using Lyra.Storage.Events;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>The trade-event outbox on Azurite and its publisher against a sender that records or fails like Service Bus.</summary>
public sealed class EventOutboxTests
{
    private static async Task<EventOutboxTableStore> NewOutboxAsync() =>
        new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()));

    private static TradeEvent Event(string id, string market, int second) =>
        new(id, TradeEventTypes.OrderFilled, market, DateTimeOffset.UnixEpoch.AddSeconds(second), "{\"id\":\"" + id + "\"}");

    /// <summary>A sender that keeps what it was given, or fails the way an unreachable namespace does.</summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public int Calls { get; private set; }

        public bool Down { get; set; }

        public override Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Down) throw new ServiceBusException("the namespace cannot be reached", ServiceBusFailureReason.ServiceCommunicationProblem);
            Sent.AddRange(messages);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_event_written_twice_waits_once_and_oldest_first()
    {
        var outbox = await NewOutboxAsync();
        await outbox.AddAsync(Event("b", "m1", 2));
        await outbox.AddAsync(Event("a", "m1", 1));
        await outbox.AddAsync(Event("b", "m1", 9)); // a retried step writes the same id: the first write stands
        Assert.Equal(["a", "b"], (await outbox.ListPendingAsync(10)).Select(e => e.Id));
        await outbox.RemoveAsync([Event("a", "m1", 1)]);
        await outbox.RemoveAsync([Event("a", "m1", 1)]); // gone already: no error
        Assert.Equal("b", Assert.Single(await outbox.ListPendingAsync(10)).Id);
    }

    [Fact]
    public async Task Nothing_is_lost_while_service_bus_is_down_and_each_message_carries_its_id_subject_and_market()
    {
        var outbox = await NewOutboxAsync();
        await outbox.AddAsync(Event("e1", "gateio:BTC_USDT:1m", 1));
        await outbox.AddAsync(Event("e2", "okx:BTC-USDT:1m", 2));
        await outbox.AddAsync(Event("e3", "gateio:BTC_USDT:1m", 3));
        var sender = new RecordingSender { Down = true };
        var publisher = new TradeEventPublisher(outbox, sender);
        await Assert.ThrowsAsync<ServiceBusException>(() => publisher.PublishPendingAsync());
        Assert.Equal(3, (await outbox.ListPendingAsync(10)).Count);

        sender.Down = false;
        Assert.Equal(3, await publisher.PublishPendingAsync());
        Assert.Empty(await outbox.ListPendingAsync(10));
        Assert.Equal(2, sender.Calls - 1); // one send per market
        var first = sender.Sent.Single(m => m.MessageId == "e1");
        Assert.Equal((TradeEventTypes.OrderFilled, "gateio:BTC_USDT:1m", "application/json", "{\"id\":\"e1\"}"),
            (first.Subject, first.PartitionKey, first.ContentType, first.Body.ToString()));
        Assert.Equal(["e1", "e3", "e2"], sender.Sent.Select(m => m.MessageId));
        Assert.Equal(0, await publisher.PublishPendingAsync());
    }

    [Fact]
    public async Task The_real_client_publishes_to_the_topic_and_an_outage_loses_nothing()
    {
        using var sb = Lyra.Testing.Azure.FakeServiceBusServer.Start("trade-events");
        var outbox = await NewOutboxAsync();
        await outbox.AddAsync(Event("e1", "gateio:BTC_USDT:1m", 1));
        await using var client = new ServiceBusClient(sb.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(5) },
        });
        await using var sender = client.CreateSender("trade-events");
        var publisher = new TradeEventPublisher(outbox, sender);
        Assert.Equal(1, await publisher.PublishPendingAsync());
        var message = Assert.Single(sb.Received);
        Assert.Equal(("e1", TradeEventTypes.OrderFilled, "gateio:BTC_USDT:1m"),
            (message.Properties.MessageId, message.Properties.Subject, (string)message.MessageAnnotations[new Amqp.Types.Symbol("x-opt-partition-key")]));

        // Service Bus goes away: the next event stays in the outbox; it is published once Service Bus is back.
        sb.Stop();
        await outbox.AddAsync(Event("e2", "gateio:BTC_USDT:1m", 2));
        await Assert.ThrowsAnyAsync<Exception>(() => publisher.PublishPendingAsync());
        Assert.Equal("e2", Assert.Single(await outbox.ListPendingAsync(10)).Id);
        sb.Open();
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                return await publisher.PublishPendingAsync() == 1;
            }
            catch (ServiceBusException)
            {
                return false; // the client reconnects on a later try
            }
        }, TimeSpan.FromSeconds(30), "the publisher to reach Service Bus again");
        // A send the topic accepted but whose answer was lost is sent again with the same id; duplicate detection drops it.
        Assert.Equal(["e1", "e2"], sb.Received.Select(m => m.Properties.MessageId));
        Assert.Empty(await outbox.ListPendingAsync(10));
    }
}
