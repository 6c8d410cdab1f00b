using Lyra.Api.Http;
using Lyra.Api.Routing;

namespace Lyra.Api.Testing;

/// <summary><c>GET /api/testing/validate</c>: the preflight of this deployment (the same report as <c>lyra doctor</c>).</summary>
public sealed class TestingApi(Preflight preflight, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.TestingValidate];

    /// <inheritdoc />
    public async Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        request.Query();
        var report = await preflight.RunAsync(request.Flows, cancellationToken);
        var failed = report.Checks.Count(c => c.Status == PreflightCheck.Fail);
        return ApiResult.Ok(report, ApiRoutes.TestingValidate.Module, time.GetUtcNow(),
            failed == 0 ? "preflight passed" : $"preflight failed: {failed} check(s)");
    }
}
