using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Lyra.Core.Health;
using Lyra.Workflows.Orchestration;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The <see cref="ITradeFlowClient"/> of the local host: DurableTask.Core's <see cref="TaskHubClient"/>. It also remembers
/// what it started and ticked (for the replay's wait and summary).
/// </summary>
public sealed class TaskHubTradeFlowClient(DurableTaskCoreEngine engine) : ITradeFlowClient
{
    private static readonly OrchestrationStatus[] AnyStatus =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed, OrchestrationStatus.ContinuedAsNew,
         OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled, OrchestrationStatus.Suspended];

    private static readonly OrchestrationStatus[] Live = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    private readonly ConcurrentDictionary<string, byte> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Market, string Entry, DateTimeOffset Candle)> _ticked = new(StringComparer.Ordinal);

    /// <summary>TradeFlow instance ids started by this process.</summary>
    public IReadOnlyCollection<string> Started => [.. _started.Keys];

    /// <summary>Position monitors this process sent a tick, with the position and the candle (for the replay's wait).</summary>
    public IReadOnlyDictionary<string, (string Market, string Entry, DateTimeOffset Candle)> TickedMonitors => _ticked;

    /// <inheritdoc />
    public async Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default)
    {
        if (!await StartOnceAsync(TaskNames.TradeFlow, input.SignalId, input, cancellationToken)) return false;
        _started.TryAdd(input.SignalId, 0);
        return true;
    }

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
        var state = await engine.Client.GetOrchestrationStateAsync(instanceId);
        if (state is null || !Live.Contains(state.OrchestrationStatus))
        {
            try
            {
                // Only a live instance blocks a start: one that ended while its position is still open is started afresh.
                await engine.Client.CreateOrchestrationInstanceAsync(TaskNames.PositionMonitor, "", instanceId, input, null, Live);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // A concurrent update started it first.
            }
        }

        _ticked.AddOrUpdate(instanceId, (input.MarketKey, input.EntryDecisionId, DateTimeOffset.MinValue), (_, v) => v);
    }

    /// <inheritdoc />
    public async Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await engine.Client.GetOrchestrationStateAsync(instanceId) is null) return;
        await engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, PositionMonitorOrchestrator.PriceEvent, tick);
        if (_ticked.TryGetValue(instanceId, out var v)) _ticked[instanceId] = v with { Candle = tick.CandleTime };
    }

    /// <inheritdoc />
    public Task StopGridAsync(string gridId, string by, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = gridId }, GridOrchestrator.StopEvent, by);
    }

    /// <inheritdoc />
    public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, TradeFlowOrchestrator.Reasons.ApprovalEvent, decision);
    }

    /// <inheritdoc />
    public async Task<FlowState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await engine.Client.GetOrchestrationStateAsync(instanceId) is { } s
            ? new FlowState(instanceId, s.Name, s.OrchestrationStatus switch
            {
                OrchestrationStatus.Pending => FlowRuntimeStatus.Pending,
                OrchestrationStatus.Running => FlowRuntimeStatus.Running,
                OrchestrationStatus.Completed => FlowRuntimeStatus.Completed,
                OrchestrationStatus.ContinuedAsNew => FlowRuntimeStatus.ContinuedAsNew,
                OrchestrationStatus.Failed => FlowRuntimeStatus.Failed,
                OrchestrationStatus.Suspended => FlowRuntimeStatus.Suspended,
                _ => FlowRuntimeStatus.Terminated,
            }, new DateTimeOffset(DateTime.SpecifyKind(s.LastUpdatedTime, DateTimeKind.Utc)))
            : null;
    }

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await engine.Client.GetOrchestrationStateAsync("lyra-health-probe");
            return new ModuleHealth("durable", ModuleHealth.Healthy, $"DurableTask.Core task hub '{engine.TaskHub}' on Azure Storage answers", sw.Elapsed.TotalMilliseconds);
        }
        catch (Exception e)
        {
            return new ModuleHealth("durable", ModuleHealth.Unhealthy, "task hub unreachable: " + e.GetType().Name, sw.Elapsed.TotalMilliseconds);
        }
    }

    private async Task<bool> StartOnceAsync<T>(string name, string instanceId, T input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await engine.Client.GetOrchestrationStateAsync(instanceId) is not null) return false;
        try
        {
            // The input object itself: DurableTask.Core serializes it and the shim reads it back.
            await engine.Client.CreateOrchestrationInstanceAsync(name, "", instanceId, input, null, AnyStatus);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
