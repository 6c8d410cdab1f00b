using Lyra.Api.Monitoring;
using Lyra.Monitoring.Reports;
using Lyra.Workflows.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Lyra.Functions.Functions;

/// <summary>The alert checks, every minute; the daily report, every day.</summary>
public sealed class MonitoringFunctions(AlertMonitor monitor, DailyReportWriter reports, IOptions<DailyReportOptions> options, TimeProvider time)
{
    /// <summary>The daily report's schedule: 00:05 UTC, when the day before is complete.</summary>
    public const string DailyReportSchedule = "0 5 0 * * *";

    /// <summary>Turns probes, the AI cost ledger and the order ledger into alerts (<see cref="AlertMonitor"/>).</summary>
    [Function("CheckAlerts")]
    public Task CheckAlerts([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) => monitor.CheckAsync(cancellationToken);

    /// <summary>Writes (and sends) yesterday's report (<see cref="DailyReportWriter"/>).</summary>
    [Function("WriteDailyReport")]
    public async Task WriteDailyReport([TimerTrigger(DailyReportSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!options.Value.Daily) return;
        await reports.WriteAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken: cancellationToken);
    }
}
