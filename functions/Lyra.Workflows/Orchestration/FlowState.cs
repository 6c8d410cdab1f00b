namespace Lyra.Workflows.Orchestration;

/// <summary>Runtime status of a durable instance, the same names on both engines.</summary>
public enum FlowRuntimeStatus
{
    /// <summary>Scheduled, not started yet.</summary>
    Pending = 0,
    /// <summary>Running (or waiting for an event or a timer).</summary>
    Running = 1,
    /// <summary>Completed.</summary>
    Completed = 2,
    /// <summary>Restarted itself with new input (an eternal orchestration between executions).</summary>
    ContinuedAsNew = 3,
    /// <summary>Failed.</summary>
    Failed = 4,
    /// <summary>Terminated or canceled.</summary>
    Terminated = 5,
    /// <summary>Suspended.</summary>
    Suspended = 6,
}

/// <summary>What an engine knows about one instance.</summary>
/// <param name="InstanceId">Instance id.</param>
/// <param name="Name">Orchestration name.</param>
/// <param name="Status">Runtime status.</param>
/// <param name="LastUpdatedAt">When its state last changed.</param>
public sealed record FlowState(string InstanceId, string Name, FlowRuntimeStatus Status, DateTimeOffset LastUpdatedAt)
{
    /// <summary>True while it can still make progress (pending, running, between executions or suspended).</summary>
    public bool IsLive => Status is FlowRuntimeStatus.Pending or FlowRuntimeStatus.Running or FlowRuntimeStatus.ContinuedAsNew or FlowRuntimeStatus.Suspended;
}
