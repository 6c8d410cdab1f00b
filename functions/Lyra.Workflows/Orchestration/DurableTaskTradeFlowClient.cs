using System.Diagnostics;
using Lyra.Core.Health;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Lyra.Workflows.Orchestration;

/// <summary>The <see cref="ITradeFlowClient"/> over a <see cref="DurableTaskClient"/> (Azure Functions, the in-process test host).</summary>
public sealed class DurableTaskTradeFlowClient(DurableTaskClient client) : ITradeFlowClient
{
    /// <inheritdoc />
    public Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default) =>
        StartOnceAsync(TaskNames.TradeFlow, input.SignalId, input, cancellationToken);

    /// <inheritdoc />
    public Task<bool> StartGridAsync(GridInput input, CancellationToken cancellationToken = default) =>
        StartOnceAsync(TaskNames.Grid, input.GridId, input, cancellationToken);

    /// <inheritdoc />
    public Task<bool> StartArbitrageAsync(ArbitrageInput input, CancellationToken cancellationToken = default) =>
        StartOnceAsync(TaskNames.Arbitrage, input.Id, input, cancellationToken);

    /// <inheritdoc />
    public async Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is not null && Map(existing).IsLive) return;
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
    public async Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is null) return;
        await client.RaiseEventAsync(instanceId, PositionMonitorOrchestrator.PriceEvent, tick, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopGridAsync(string gridId, string by, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(gridId, GridOrchestrator.StopEvent, by, cancellationToken);

    /// <inheritdoc />
    public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return client.RaiseEventAsync(instanceId, TradeFlowOrchestrator.Reasons.ApprovalEvent, decision, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<FlowState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await client.GetInstanceAsync(instanceId, cancellationToken) is { } m ? Map(m) : null;
    }

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

    private static FlowState Map(OrchestrationMetadata m) => new(m.InstanceId, m.Name, m.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Pending => FlowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running => FlowRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => FlowRuntimeStatus.Completed,
#pragma warning disable CS0618 // reported by older backends between the executions of an eternal orchestration
        OrchestrationRuntimeStatus.ContinuedAsNew => FlowRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => FlowRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Suspended => FlowRuntimeStatus.Suspended,
        _ => FlowRuntimeStatus.Terminated,
    }, m.LastUpdatedAt);

    private async Task<bool> StartOnceAsync<T>(string name, string instanceId, T input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null) return false;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent delivery of the same message may have won the race; engines report that with different exceptions.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null) return false;
            throw;
        }
    }
}
