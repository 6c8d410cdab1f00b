using Lyra.Api.Monitoring;
using Lyra.Monitoring.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Hosting;

/// <summary>The local host's schedule of the daily report (the Functions app's <c>WriteDailyReport</c> timer): yesterday's, at 00:05 UTC.</summary>
public sealed partial class DailyReportService(DailyReportWriter writer, IOptions<DailyReportOptions> options, TimeProvider time, ILogger<DailyReportService> log)
    : BackgroundService
{
    /// <summary>The Functions timer's name, for the host contract.</summary>
    public const string FunctionName = "WriteDailyReport";

    /// <summary>When the report of the day before is written, after midnight UTC.</summary>
    public static TimeSpan At { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The next run after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + At;
        return now < today ? today : today.AddDays(1);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Daily) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                await Task.Delay(Next(now) - now, time, stoppingToken);
                try
                {
                    var written = await writer.WriteAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken: stoppingToken);
                    LogWritten(log, written.Name, written.Trades);
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

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Daily report {Name} written ({Trades} trades)")]
    private static partial void LogWritten(ILogger logger, string name, int trades);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Warning, Message = "The daily report could not be written: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
