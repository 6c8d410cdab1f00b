using System.Text.Json;
using Azure;
using Lyra.Core.Errors;
using Lyra.Exchanges.Binance;
using Lyra.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Http;

/// <summary>The one place where failures become an error code and an HTTP status.</summary>
public static class ApiErrorMapper
{
    /// <summary>Maps <paramref name="e"/>; unexpected failures become a 500 without internals.</summary>
    public static ApiResult Map(Exception e, string module, DateTimeOffset now) => e switch
    {
        ValidationException v => ApiResult.Error(StatusCodes.Status400BadRequest, v.ErrorCode, v.Message, module, now, new Dictionary<string, string> { ["field"] = v.Field }),
        JsonException j => ApiResult.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "invalid JSON body: " + j.Message, module, now,
            new Dictionary<string, string> { ["field"] = LyraJson.Field(j) }),
        NotFoundException n => ApiResult.Error(StatusCodes.Status404NotFound, n.ErrorCode, n.Message, module, now),
        ConflictException c => ApiResult.Error(StatusCodes.Status409Conflict, c.ErrorCode, c.Message, module, now),
        BudgetExhaustedException b => ApiResult.Error(StatusCodes.Status429TooManyRequests, b.ErrorCode, b.Message, module, now),
        DependencyUnavailableException d => ApiResult.Error(StatusCodes.Status503ServiceUnavailable, d.ErrorCode, d.Message, module, now,
            new Dictionary<string, string> { ["dependency"] = d.Dependency }),
        ExchangeApiException x => ApiResult.Error(x.HttpStatus is 429 or 418 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable, x.ErrorCode, x.Message, module, now),
        RequestFailedException r => ApiResult.Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.DependencyUnavailable, $"storage answered {r.Status} {r.ErrorCode}", module, now,
            new Dictionary<string, string> { ["dependency"] = "storage" }),
        HttpRequestException => ApiResult.Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.DependencyUnavailable, "a dependency is unreachable", module, now),
        _ => ApiResult.Error(StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "unexpected error; see the logs", module, now),
    };
}
