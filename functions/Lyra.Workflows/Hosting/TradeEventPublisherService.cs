using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Lyra.Monitoring.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Hosting;

/// <summary>
/// Drains the trade-event outbox to the Service Bus topic every <see cref="ServiceBusEventOptions.PublishIntervalSeconds"/>
/// (only when a namespace or connection string is configured). While Service Bus is down the events wait in the outbox
/// and the failure is logged once per outage.
/// </summary>
public sealed partial class TradeEventPublisherService(IEventOutbox outbox, IOptions<EventsOptions> options, IConfiguration configuration, TimeProvider time,
    ILogger<TradeEventPublisherService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.ServiceBus;
        await using var client = string.IsNullOrWhiteSpace(o.ConnectionString)
            ? new ServiceBusClient(o.Namespace, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] }))
            : new ServiceBusClient(o.ConnectionString);
        await using var sender = client.CreateSender(o.Topic);
        var publisher = new TradeEventPublisher(outbox, sender);
        var down = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var n = await publisher.PublishPendingAsync(stoppingToken);
                if (down) LogBack(log, o.Topic, n);
                down = false;
            }
            catch (Exception e) when (e is ServiceBusException or UnauthorizedAccessException or Azure.RequestFailedException or AuthenticationFailedException)
            {
                if (!down) LogDown(log, o.Topic, e.Message);
                down = true;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(o.PublishIntervalSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Trade events are not reaching topic {Topic}; they wait in the outbox: {Error}")]
    private static partial void LogDown(ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Trade events reach topic {Topic} again ({Published} published)")]
    private static partial void LogBack(ILogger logger, string topic, int published);
}
