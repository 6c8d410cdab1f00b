using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Risk.KillSwitch;

namespace Lyra.Api.Trading;

/// <summary><c>POST /api/trading/start</c> and <c>/stop</c>: the kill switch (stop also blocks flows in flight at the risk gate).</summary>
public sealed class TradingApi(ITradingStateStore settings, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.TradingStart, ApiRoutes.TradingStop];

    /// <inheritdoc />
    public async Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        var enable = route == ApiRoutes.TradingStart;
        request.Query();
        var body = await request.BodyAsync<TradingChangeRequest>(required: false, cancellationToken);
        if (body?.Reason is { Length: > 500 }) throw new ValidationException("reason", "reason must be at most 500 characters");
        var state = await settings.SetAsync(enable, body?.Reason, cancellationToken);
        return ApiResult.Ok(new TradingStateResponse(state.Enabled, state.ChangedAt, state.Reason), route.Module, time.GetUtcNow(),
            enable ? "trading started" : "trading stopped: new orders are blocked at the risk gate, including flows in flight");
    }
}
