namespace Lyra.Core.Hosting;

/// <summary>Which host runs and since when (for <c>/api/status</c>).</summary>
/// <param name="Name"><see cref="Functions"/>, <see cref="Local"/> or a test host's name.</param>
/// <param name="StartedAt">Start time.</param>
public sealed record HostInfo(string Name, DateTimeOffset StartedAt)
{
    /// <summary>The Azure Functions host.</summary>
    public const string Functions = "functions";

    /// <summary>The local host (<c>lyra run</c>).</summary>
    public const string Local = "local";
}
