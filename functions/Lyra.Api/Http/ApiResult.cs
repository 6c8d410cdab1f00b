using System.Text.Json;
using Lyra.Core.Api;
using Lyra.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Http;

/// <summary>An HTTP status and an envelope, written the same way by both hosts.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">The envelope.</param>
public sealed record ApiResult(int StatusCode, object Body)
{
    /// <summary>A success envelope.</summary>
    public static ApiResult Ok<T>(T data, string module, DateTimeOffset now, string? message = null, int status = StatusCodes.Status200OK) =>
        new(status, new ApiEnvelope<T>("success", data, message, now, module, LyraVersion.Current));

    /// <summary>An error envelope.</summary>
    public static ApiResult Error(int status, string code, string message, string module, DateTimeOffset now, IReadOnlyDictionary<string, string>? details = null) =>
        new(status, new ApiErrorEnvelope("error", code, message, details, now, module));

    /// <summary>Writes the envelope as JSON.</summary>
    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), LyraJson.Options, cancellationToken);
    }
}
