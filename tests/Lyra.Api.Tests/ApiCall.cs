using System.Text;
using System.Text.Json;
using Lyra.Api.Routing;
using Microsoft.AspNetCore.Http;
using Lyra.Testing;

namespace Lyra.Api.Tests;

/// <summary>Calls an API handler through a real <see cref="HttpContext"/> and returns the status and the parsed envelope.</summary>
internal static class ApiCall
{
    public static Task<(int Status, JsonElement Body)> InvokeAsync(FlowHarness h, ApiRoute route, string query = "", string? body = null, string? id = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        InvokeAsync(h.Get<ApiDispatcher>(), h.Flows, route, query, body, id, headers);

    public static async Task<(int Status, JsonElement Body)> InvokeAsync(ApiDispatcher dispatcher, Lyra.Workflows.Orchestration.ITradeFlowClient flows, ApiRoute route,
        string query = "", string? body = null, string? id = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = route.Method;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) ctx.Request.Headers[k] = v;
        ctx.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Request.Body = new MemoryStream(bytes);
            ctx.Request.ContentLength = bytes.Length;
        }

        var output = new MemoryStream();
        ctx.Response.Body = output;
        await dispatcher.HandleAsync(route, ctx, flows, id);
        Assert.StartsWith("application/json", ctx.Response.ContentType, StringComparison.Ordinal);
        return (ctx.Response.StatusCode, JsonDocument.Parse(output.ToArray()).RootElement.Clone());
    }
}
