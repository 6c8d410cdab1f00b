using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Health;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Health;

/// <summary>
/// <c>GET /api/health</c> (every module's probe and the durable engine) and <c>GET /api/status</c> (version, trading
/// state, markets and counts). Status reads counters and the portfolio book: its cost does not grow with the history.
/// </summary>
public sealed class HealthApi(IEnumerable<IHealthProbe> probes, StatusReporter status, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.Health, ApiRoutes.Status];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "Health" => HealthAsync(request, cancellationToken),
        _ => StatusAsync(request, cancellationToken),
    };

    private async Task<ApiResult> HealthAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var checks = new List<Task<ModuleHealth>>();
        foreach (var p in probes) checks.Add(p.CheckAsync(ct));
        checks.Add(request.Flows.CheckHealthAsync(ct));
        var report = HealthReport.From(await Task.WhenAll(checks));
        return ApiResult.Ok(report, ApiRoutes.Health.Module, time.GetUtcNow(), $"lyra is {report.Status}",
            report.Status == ModuleHealth.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private async Task<ApiResult> StatusAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        return ApiResult.Ok(await status.BuildAsync(ct), ApiRoutes.Status.Module, time.GetUtcNow());
    }
}
