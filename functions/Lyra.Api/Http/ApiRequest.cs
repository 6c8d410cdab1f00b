using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Http;

/// <summary>One request as a handler sees it.</summary>
/// <param name="Http">The HTTP request (query, body).</param>
/// <param name="Flows">The host's durable engine client (approvals, health).</param>
/// <param name="Id">The <c>{id}</c> route value, where the route has one.</param>
public sealed record ApiRequest(HttpRequest Http, ITradeFlowClient Flows, string? Id = null)
{
    /// <summary>Who is calling, as the host's access control recognised them.</summary>
    public Lyra.Security.Access.Caller? Caller { get; init; }

    /// <summary>The query string, validated: parameters other than <paramref name="allowed"/> are 400s naming them.</summary>
    internal ApiQuery Query(params string[] allowed) => new(Http.Query, allowed);

    /// <summary>The JSON body as <typeparamref name="T"/> (strict: unknown fields and wrong types are 400s naming the field).</summary>
    internal Task<T?> BodyAsync<T>(bool required, CancellationToken ct) where T : class => ApiBody.ReadAsync<T>(Http, required, ct);
}
