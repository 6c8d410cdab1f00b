using Lyra.Workflows.Application;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Cli.Hosting;

/// <summary>The local host's schedule of <see cref="AlertMonitor"/> (the Functions app's <c>CheckAlerts</c> timer): every minute.</summary>
public sealed partial class AlertMonitorService(AlertMonitor monitor, TimeProvider time, ILogger<AlertMonitorService> log) : BackgroundService
{
    /// <summary>The Functions timer's name, for the host contract.</summary>
    public const string FunctionName = "CheckAlerts";

    /// <summary>How often the checks run.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await monitor.CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(log, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "The alert checks failed this minute: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
