using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>The position monitor's check before it sells (and at its heartbeat): the same <see cref="StopChecker"/> every market update runs.</summary>
public sealed class CheckStopsActivity(StopChecker stops) : TaskActivity<MonitorInput, StopCheckResult>
{
    /// <inheritdoc />
    public override Task<StopCheckResult> RunAsync(TaskActivityContext context, MonitorInput input) => stops.CheckAsync(input, ct: CancellationToken.None);
}
