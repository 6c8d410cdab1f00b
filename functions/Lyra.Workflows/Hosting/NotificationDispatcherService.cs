using Lyra.Notifications;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Workflows.Hosting;

/// <summary>Drains the notification outbox every <c>Lyra:Notifications:DispatchSeconds</c> (both hosts), so notifications survive restarts.</summary>
public sealed partial class NotificationDispatcherService(NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationDispatcherService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DispatchSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.DispatchSeconds), time);
        try
        {
            do
            {
                try
                {
                    await dispatcher.DrainAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(log, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Notifications could not be delivered this round: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
