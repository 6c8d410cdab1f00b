using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>The one retry policy of Lyra's activities: exponential back-off from 0.5 s, at most 10 s between attempts.</summary>
public static class FlowRetry
{
    /// <summary>Attempts of the position monitor's steps (it tries again at its next tick anyway).</summary>
    public const int MonitorAttempts = 3;

    /// <summary>Options retrying an activity up to <paramref name="attempts"/> times.</summary>
    public static TaskOptions Attempts(int attempts) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(attempts, TimeSpan.FromMilliseconds(500), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));
}
