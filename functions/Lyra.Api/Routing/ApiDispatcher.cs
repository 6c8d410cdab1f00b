using Lyra.Api.Http;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Routing;

/// <summary>
/// The one entry point both hosts call for every API route: finds the route's handler, runs it, maps any failure with
/// <see cref="ApiErrorMapper"/> and writes the envelope.
/// </summary>
public sealed class ApiDispatcher
{
    private readonly Dictionary<string, IApiHandler> _handlers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Indexes the handlers by route; a route served twice or not at all is a programming error.</summary>
    public ApiDispatcher(IEnumerable<IApiHandler> handlers, TimeProvider time)
    {
        _time = time;
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
        ApiResult result;
        try
        {
            result = await _handlers[route.Name].HandleAsync(route, new ApiRequest(http.Request, flows, id), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = ApiErrorMapper.Map(e, route.Module, _time.GetUtcNow());
        }

        await result.WriteAsync(http.Response, ct);
    }
}
