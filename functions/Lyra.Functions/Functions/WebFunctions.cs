using Lyra.Web;
using Lyra.Web.Dashboard;
using Lyra.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Lyra.Functions.Functions;

/// <summary>
/// The dashboard at <c>/</c> (the app setting <c>AzureWebJobsDisableHomepage</c> turns the host's own page off) with its
/// files, and its live stream <c>/api/events</c> (a read route: the function key, then Lyra's check).
/// </summary>
public sealed class WebFunctions(LiveEvents live)
{
    /// <summary>Flex Consumption's front end ends idle HTTP requests after 230 s: the stream says bye before, and the browser reconnects.</summary>
    public static readonly TimeSpan LongestStream = TimeSpan.FromSeconds(200);

    [Function("Dashboard")]
    public static IActionResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.Dashboard)] HttpRequest req) =>
        new Handled(ctx => DashboardEndpoint.ServeAsync(ctx, null));

    [Function("DashboardAsset")]
    public static IActionResult DashboardAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.AssetPrefix + "{*asset}")] HttpRequest req, string asset) =>
        new Handled(ctx => DashboardEndpoint.ServeAsync(ctx, asset));

    [Function("LiveEvents")]
    public IActionResult LiveEvents([HttpTrigger(AuthorizationLevel.Function, "get", Route = WebRoutes.Events)] HttpRequest req) =>
        new Handled(ctx => live.StreamAsync(ctx, LongestStream));

    private sealed class Handled(Func<HttpContext, Task> write) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => write(context.HttpContext);
    }
}
