using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Lyra.Core.Health;
using Lyra.Workflows.Orchestration;

namespace Lyra.Cli.Hosting;

/// <summary>Starts TradeFlow on the local DurableTask.Core engine and remembers what it started (for the replay's wait and summary).</summary>
public sealed class TaskHubTradeFlowClient(DurableTaskCoreEngine engine) : ITradeFlowClient
{
    private static readonly OrchestrationStatus[] AnyStatus =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed, OrchestrationStatus.ContinuedAsNew,
         OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled, OrchestrationStatus.Suspended];

    private readonly ConcurrentDictionary<string, byte> _started = new(StringComparer.Ordinal);

    /// <summary>Instance ids started by this process.</summary>
    public IReadOnlyCollection<string> Started => [.. _started.Keys];

    /// <inheritdoc />
    public async Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default)
    {
        var existing = await engine.Client.GetOrchestrationStateAsync(input.SignalId);
        if (existing is not null) return false;
        try
        {
            // The input object itself: DurableTask.Core serializes it and the shim reads it back.
            await engine.Client.CreateOrchestrationInstanceAsync(TaskNames.TradeFlow, "", input.SignalId, input, null, AnyStatus);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }

        _started.TryAdd(input.SignalId, 0);
        return true;
    }

    /// <summary>Instances started here that have not reached a terminal state.</summary>
    public async Task<int> CountRunningAsync()
    {
        var running = 0;
        foreach (var id in _started.Keys)
        {
            var state = await engine.Client.GetOrchestrationStateAsync(id);
            if (state is null || state.OrchestrationStatus is OrchestrationStatus.Pending or OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew) running++;
        }

        return running;
    }

    /// <summary>Final states of the instances started here, by status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in _started.Keys)
        {
            var state = await engine.Client.GetOrchestrationStateAsync(id);
            var key = state?.OrchestrationStatus.ToString() ?? "Unknown";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static readonly OrchestrationStatus[] Live = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew];
    private readonly ConcurrentDictionary<string, (string Market, string Entry, DateTimeOffset Candle)> _ticked = new(StringComparer.Ordinal);

    /// <summary>Position monitors this process sent a tick, with the position and the candle (for the replay's wait).</summary>
    public IReadOnlyDictionary<string, (string Market, string Entry, DateTimeOffset Candle)> TickedMonitors => _ticked;

    /// <inheritdoc />
    public async Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default)
    {
        var state = await engine.Client.GetOrchestrationStateAsync(instanceId);
        if (state is not null && Live.Contains(state.OrchestrationStatus)) return;
        try
        {
            // Only a live instance blocks a start: one that ended while its position is still open is started afresh.
            await engine.Client.CreateOrchestrationInstanceAsync(TaskNames.PositionMonitor, "", instanceId, input, null, Live);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A concurrent update started it first.
        }

        _ticked.AddOrUpdate(instanceId, (input.MarketKey, input.EntryDecisionId, DateTimeOffset.MinValue), (_, v) => v);
    }

    /// <inheritdoc />
    public async Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default)
    {
        await engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, PositionMonitorOrchestrator.PriceEvent, tick);
        if (_ticked.TryGetValue(instanceId, out var v)) _ticked[instanceId] = v with { Candle = tick.CandleTime };
    }

    /// <summary>True when the instance has ended (or does not exist).</summary>
    public async Task<bool> HasEndedAsync(string instanceId)
    {
        var state = await engine.Client.GetOrchestrationStateAsync(instanceId);
        return state is null || !Live.Contains(state.OrchestrationStatus);
    }

    /// <inheritdoc />
    public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default) =>
        engine.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, TradeFlowOrchestrator.Reasons.ApprovalEvent, decision);

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
}
