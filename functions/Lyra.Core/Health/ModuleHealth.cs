using System.Text.Json.Serialization;

namespace Lyra.Core.Health;

/// <summary>Health of one module or dependency.</summary>
/// <param name="Module">Module name, for example <c>storage</c>.</param>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Detail">What was checked and what it found.</param>
/// <param name="LatencyMs">How long the check took.</param>
public sealed record ModuleHealth(
    [property: JsonPropertyName("module")] string Module,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("latency_ms")] double LatencyMs)
{
    /// <summary>Status value of a working module.</summary>
    public const string Healthy = "healthy";
    /// <summary>Status value of a module that works with reduced function.</summary>
    public const string Degraded = "degraded";
    /// <summary>Status value of a module that does not work.</summary>
    public const string Unhealthy = "unhealthy";
}

/// <summary>Health of the whole application: the worst of its modules.</summary>
/// <param name="Status">Overall status.</param>
/// <param name="Modules">Per-module results.</param>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("modules")] IReadOnlyList<ModuleHealth> Modules)
{
    /// <summary>Builds a report whose status is the worst module status.</summary>
    public static HealthReport From(IReadOnlyList<ModuleHealth> modules)
    {
        var status = ModuleHealth.Healthy;
        foreach (var m in modules)
        {
            if (m.Status == ModuleHealth.Unhealthy) { status = ModuleHealth.Unhealthy; break; }
            if (m.Status == ModuleHealth.Degraded) status = ModuleHealth.Degraded;
        }
        return new HealthReport(status, modules);
    }
}

/// <summary>A check of one module or dependency, run by <c>GET /api/health</c>.</summary>
public interface IHealthProbe
{
    /// <summary>Name of the module checked.</summary>
    string Module { get; }

    /// <summary>Runs the check. Must not throw: failures are reported as <see cref="ModuleHealth.Unhealthy"/>.</summary>
    Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default);
}
