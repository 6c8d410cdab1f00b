using Microsoft.AspNetCore.Http;

namespace Lyra.Web.Dashboard;

/// <summary>
/// Serves the dashboard: <c>/</c> is its page, <c>/dashboard/{asset}</c> its files. The files hold no data (the page asks
/// the API, with the caller's key, for everything), so they are public; every page load revalidates by ETag.
/// </summary>
public static class DashboardEndpoint
{
    /// <summary>Writes the asset <paramref name="name"/> (null or empty: the page) or a 404.</summary>
    public static async Task ServeAsync(HttpContext context, string? name)
    {
        var asset = DashboardAssets.Find(string.IsNullOrEmpty(name) ? "index.html" : name);
        var response = context.Response;
        if (asset is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"no dashboard file '{name}'", context.RequestAborted);
            return;
        }

        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        // The page only talks to its own origin and runs only its own scripts.
        response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, context.RequestAborted);
    }
}
