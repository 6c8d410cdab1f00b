namespace Lyra.Workflows.Api;

/// <summary>Which host runs and since when (for <c>/api/status</c>).</summary>
/// <param name="Name"><c>functions</c> or <c>local</c>.</param>
/// <param name="StartedAt">Start time.</param>
public sealed record HostInfo(string Name, DateTimeOffset StartedAt);
