namespace Lyra.Workflows.Orchestration;

/// <summary>How the flow watches a resting limit order: the first look, the longest wait between looks, and when it cancels.</summary>
/// <param name="FirstPollSeconds">Seconds before the first look; the wait doubles after each look.</param>
/// <param name="MaxPollSeconds">Longest wait between looks.</param>
/// <param name="TimeToLiveSeconds">Seconds after placing at which an unfilled rest is canceled.</param>
public sealed record OrderTracking(int FirstPollSeconds, int MaxPollSeconds, int TimeToLiveSeconds);
