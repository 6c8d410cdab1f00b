using Lyra.Api.Http;
using System.Diagnostics;
using Lyra.Core.Api;
using Lyra.Monitoring.Metrics;
using Lyra.Security.Access;
using Lyra.Security.Audit;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lyra.Api.Routing;

/// <summary>
/// The one entry point both hosts call for every API route: checks the caller against the route's
/// <see cref="ApiRoute.Access"/> with the host's <see cref="IAccessControl"/>, finds the route's handler, runs it, maps
/// any failure with <see cref="ApiErrorMapper"/> and writes the envelope.
/// </summary>
public sealed partial class ApiDispatcher
{
    private readonly Dictionary<string, IApiHandler> _handlers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IAccessControl _access;
    private readonly AuditLog _audit;
    private readonly ILogger _log;
    private readonly RuntimeMetrics _metrics;

    /// <summary>Indexes the handlers by route; a route served twice or not at all is a programming error.</summary>
    public ApiDispatcher(IEnumerable<IApiHandler> handlers, IAccessControl access, AuditLog audit, RuntimeMetrics metrics, TimeProvider time, ILogger<ApiDispatcher> log)
    {
        _metrics = metrics;
        _time = time;
        _access = access;
        _audit = audit;
        _log = log;
        foreach (var h in handlers)
        {
            foreach (var r in h.Routes)
            {
                if (!_handlers.TryAdd(r.Name, h)) throw new InvalidOperationException($"Route {r.Name} has two handlers.");
            }
        }

        var missing = ApiRoutes.All.Where(r => !_handlers.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        if (missing.Count > 0) throw new InvalidOperationException("Routes without a handler: " + string.Join(", ", missing));
    }

    /// <summary>Handles one request for <paramref name="route"/> and writes the response.</summary>
    /// <param name="route">The route being served.</param>
    /// <param name="http">The request context.</param>
    /// <param name="flows">The durable engine client of the host.</param>
    /// <param name="id">The <c>{id}</c> route value, where the route has one.</param>
    public async Task HandleAsync(ApiRoute route, HttpContext http, ITradeFlowClient flows, string? id = null)
    {
        var ct = http.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await DispatchAsync(route, http, flows, id, ct);
        }
        finally
        {
            _metrics.RecordApi(route.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, http.Response.StatusCode);
        }
    }

    private async Task DispatchAsync(ApiRoute route, HttpContext http, ITradeFlowClient flows, string? id, CancellationToken ct)
    {
        var check = _access.Check(route.Access, http.Request);
        if (!check.Allowed)
        {
            if (check.Status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
            var refusal = ApiResult.Error(check.Status, check.Code!, check.Reason!, route.Module, _time.GetUtcNow());
            if (IsControl(route)) await AuditAsync(route, id, check.Caller, refusal, check.Reason, ct);
            await refusal.WriteAsync(http.Response, ct);
            return;
        }

        ApiResult result;
        try
        {
            result = await _handlers[route.Name].HandleAsync(route, new ApiRequest(http.Request, flows, id) { Caller = check.Caller }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = ApiErrorMapper.Map(e, route.Module, _time.GetUtcNow());
        }

        if (IsControl(route)) await AuditAsync(route, id, check.Caller, result, (result.Body as ApiErrorEnvelope)?.ErrorMessage, ct);
        await result.WriteAsync(http.Response, ct);
    }

    private static bool IsControl(ApiRoute route) => route.Access is ApiAccess.Operate or ApiAccess.Administer;

    // Every control call, allowed or not, is an audit entry. The act already happened (or was refused): a journal that
    // cannot be written is logged, and the caller still gets the answer.
    private async Task AuditAsync(ApiRoute route, string? id, Caller? caller, ApiResult result, string? detail, CancellationToken ct)
    {
        var outcome = result.StatusCode switch
        {
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "refused",
            < 400 => "done",
            _ => "failed",
        };
        try
        {
            await _audit.RecordAsync(AuditKinds.Control, route.Name, caller?.Name ?? "unknown", caller?.Via ?? "none", outcome, id, result.StatusCode, detail, cancellationToken: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogAuditFailed(_log, route.Name, outcome, e.Message);
        }
    }

    [LoggerMessage(EventId = 9020, Level = LogLevel.Error, Message = "Audit: the control action {Route} ({Outcome}) could not be written to the audit journal: {Reason}")]
    private static partial void LogAuditFailed(ILogger logger, string route, string outcome, string reason);
}
