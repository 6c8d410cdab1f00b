using Lyra.Core.Errors;

namespace Lyra.Exchanges.Venues;

/// <summary>What kind of failure a venue call had; it decides whether the call may be repeated.</summary>
public enum VenueErrorKind
{
    /// <summary>The venue refused the request: it did nothing (bad parameters, insufficient balance, unknown pair).</summary>
    Rejected = 0,
    /// <summary>Too many requests; nothing was done. <see cref="VenueException.RetryAfter"/> says how long to wait.</summary>
    RateLimited = 1,
    /// <summary>The key, signature or timestamp was refused; nothing was done.</summary>
    Unauthorized = 2,
    /// <summary>The order (or other object) does not exist.</summary>
    NotFound = 3,
    /// <summary>The client order id is already used: the order was placed before.</summary>
    DuplicateClientId = 4,
    /// <summary>No answer, a dropped connection, a 5xx or a timeout: for a write, whether it happened is unknown.</summary>
    Unknown = 5,
    /// <summary>The venue answered something this client cannot read.</summary>
    BadResponse = 6,
}

/// <summary>A venue call failed. Carries the venue's own code and message, never a key or a signature.</summary>
public sealed class VenueException(string venue, VenueErrorKind kind, string message, int? httpStatus = null, string? code = null, TimeSpan? retryAfter = null,
    Exception? inner = null)
    : LyraException($"{venue}: {message}{(code is null ? "" : $" ({code})")}", inner)
{
    /// <summary>The venue.</summary>
    public string Venue { get; } = venue;

    /// <summary>The kind of failure.</summary>
    public VenueErrorKind Kind { get; } = kind;

    /// <summary>HTTP status, when there was an answer.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The venue's error code or label.</summary>
    public string? Code { get; } = code;

    /// <summary>How long to wait before calling again (429/418, rate-limit headers).</summary>
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>True when a write may have happened although it failed (the order must be looked up before anything else).</summary>
    public bool OutcomeUnknown => Kind == VenueErrorKind.Unknown;

    /// <inheritdoc />
    public override string ErrorCode => Kind switch
    {
        VenueErrorKind.RateLimited => ErrorCodes.RateLimited,
        VenueErrorKind.NotFound => ErrorCodes.NotFound,
        VenueErrorKind.Unauthorized => ErrorCodes.Forbidden,
        VenueErrorKind.DuplicateClientId => ErrorCodes.Conflict,
        VenueErrorKind.Rejected => ErrorCodes.BadRequest,
        _ => ErrorCodes.DependencyUnavailable,
    };
}
