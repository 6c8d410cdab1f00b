using Lyra.Api.Http;
using Lyra.Api.Routing;

namespace Lyra.Api.Testing;

/// <summary>
/// <c>GET /api/testing/validate</c> (the preflight, as <c>lyra doctor</c>), <c>POST /api/testing/run</c> (the self-test
/// through the pipeline on a synthetic market) and <c>GET /api/testing/performance</c> (this host's figures).
/// </summary>
public sealed class TestingApi(Preflight preflight, SelfTest selfTest, HostPerformance performance, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.TestingValidate, ApiRoutes.TestingRun, ApiRoutes.TestingPerformance];

    /// <inheritdoc />
    public async Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        request.Query();
        if (route == ApiRoutes.TestingRun)
        {
            var run = await selfTest.RunAsync(request.Flows, cancellationToken);
            var failed = run.Steps.Where(s => s.Status == "fail").Select(s => s.Step).ToList();
            return ApiResult.Ok(run, route.Module, time.GetUtcNow(), failed.Count == 0 ? $"self-test passed in {run.Milliseconds:0} ms" : $"self-test failed: {string.Join(", ", failed)}");
        }

        if (route == ApiRoutes.TestingPerformance)
        {
            return ApiResult.Ok(await performance.BuildAsync(cancellationToken), route.Module, time.GetUtcNow());
        }

        var report = await preflight.RunAsync(request.Flows, cancellationToken);
        var failedChecks = report.Checks.Count(c => c.Status == PreflightCheck.Fail);
        return ApiResult.Ok(report, ApiRoutes.TestingValidate.Module, time.GetUtcNow(),
            failedChecks == 0 ? "preflight passed" : $"preflight failed: {failedChecks} check(s)");
    }
}
