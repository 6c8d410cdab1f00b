using System.Diagnostics;
using Lyra.Core.Health;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Lyra.Workflows.Orchestration;

/// <summary>Starts TradeFlow through a <see cref="DurableTaskClient"/> (Azure Functions, the in-process test host).</summary>
public sealed class DurableTaskTradeFlowClient(DurableTaskClient client) : ITradeFlowClient
{
    /// <inheritdoc />
    public async Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(input.SignalId, cancellationToken);
        if (existing is not null) return false;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(TaskNames.TradeFlow, input, new StartOrchestrationOptions(input.SignalId), cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent delivery of the same message may have won the race; engines report that with different exceptions.
            if (await client.GetInstanceAsync(input.SignalId, cancellationToken) is not null) return false;
            throw;
        }
    }

    /// <inheritdoc />
    public async Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is { IsRunning: true } || existing?.RuntimeStatus == OrchestrationRuntimeStatus.Pending) return;
        if (existing is not null) await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken); // ended while the position is open: start afresh
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(TaskNames.PositionMonitor, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent update may have started it first; anything else is a real failure.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is null) throw;
        }
    }

    /// <inheritdoc />
    public Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, PositionMonitorOrchestrator.PriceEvent, tick, cancellationToken);

    /// <inheritdoc />
    public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, TradeFlowOrchestrator.Reasons.ApprovalEvent, decision, cancellationToken);

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await client.GetInstanceAsync("lyra-health-probe", cancellationToken);
            return new ModuleHealth("durable", ModuleHealth.Healthy, $"durable task client '{client.Name}' answers", sw.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModuleHealth("durable", ModuleHealth.Unhealthy, "durable engine unreachable: " + e.GetType().Name, sw.Elapsed.TotalMilliseconds);
        }
    }
}
