using Lyra.Api.Routing;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Mvc;

namespace Lyra.Functions.Functions;

/// <summary>Lets an HTTP function hand the request to <see cref="ApiDispatcher"/>, which writes the envelope itself.</summary>
internal sealed class ApiActionResult(ApiDispatcher api, ApiRoute route, ITradeFlowClient flows, string? id = null) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => api.HandleAsync(route, context.HttpContext, flows, id);
}
