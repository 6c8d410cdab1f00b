using Lyra.Api.Http;

namespace Lyra.Api.Routing;

/// <summary>The handlers of one area of the API (health, trading, decisions, ...). Each route of <see cref="ApiRoutes"/> has exactly one handler.</summary>
public interface IApiHandler
{
    /// <summary>The routes this handler serves.</summary>
    IReadOnlyList<ApiRoute> Routes { get; }

    /// <summary>Serves <paramref name="route"/>; failures are thrown and mapped by <see cref="ApiErrorMapper"/>.</summary>
    Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken);
}
