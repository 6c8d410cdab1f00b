using Lyra.Workflows.Application;
using Microsoft.Azure.Functions.Worker;

namespace Lyra.Functions.Functions;

/// <summary>The alert checks, every minute.</summary>
public sealed class MonitoringFunctions(AlertMonitor monitor)
{
    /// <summary>Turns probes, the AI cost ledger and the order ledger into alerts (<see cref="AlertMonitor"/>).</summary>
    [Function("CheckAlerts")]
    public Task CheckAlerts([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) => monitor.CheckAsync(cancellationToken);
}
