using Cronos;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The local twin of the <c>CollectMarketData</c> timer: runs the collector on the six-field NCRONTAB schedule
/// in the same setting (<see cref="ScheduleSetting"/>).
/// </summary>
public sealed partial class CollectorScheduler(MarketDataCollector collector, IOptions<CollectOptions> options, TimeProvider time, ILogger<CollectorScheduler> logger)
    : BackgroundService
{
    /// <summary>The configuration key of the schedule; the Functions timer reads <c>%Lyra:Collect:Schedule%</c>.</summary>
    public const string ScheduleSetting = "Lyra:Collect:Schedule";

    /// <summary>The function this service stands in for.</summary>
    public const string FunctionName = "CollectMarketData";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cron = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null) return;
            await Task.Delay(next.Value - now, time, stoppingToken);
            try
            {
                var results = await collector.CollectAsync(stoppingToken);
                foreach (var r in results.Where(r => r.Error is not null)) LogMarketFailed(logger, r.Market, r.Error!);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting {Market} failed: {Error}")]
    private static partial void LogMarketFailed(ILogger logger, string market, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collector run failed: {Error}: {Message}")]
    private static partial void LogRunFailed(ILogger logger, string error, string message);
}
