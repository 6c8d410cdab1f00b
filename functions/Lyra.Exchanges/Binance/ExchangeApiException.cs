using Lyra.Core.Errors;

namespace Lyra.Exchanges.Binance;

/// <summary>An exchange API answered with an error; carries its HTTP status and its own code and message.</summary>
public sealed class ExchangeApiException(string exchange, int httpStatus, int? code, string message, TimeSpan? retryAfter = null)
    : LyraException($"{exchange} API error {httpStatus}{(code is null ? "" : $" (code {code})")}: {message}")
{
    /// <summary>Exchange id.</summary>
    public string Exchange { get; } = exchange;
    /// <summary>HTTP status.</summary>
    public int HttpStatus { get; } = httpStatus;
    /// <summary>The exchange's error code, when it sent one.</summary>
    public int? Code { get; } = code;
    /// <summary>Wait this long before retrying (429/418).</summary>
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    /// <inheritdoc />
    public override string ErrorCode => HttpStatus is 429 or 418 ? ErrorCodes.RateLimited
        : HttpStatus >= 500 ? ErrorCodes.DependencyUnavailable
        : ErrorCodes.BadRequest;
}
