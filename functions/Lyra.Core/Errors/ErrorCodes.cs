namespace Lyra.Core.Errors;

/// <summary>Machine-readable error codes used in the error envelope.</summary>
public static class ErrorCodes
{
    /// <summary>The request was malformed (bad JSON, wrong type).</summary>
    public const string BadRequest = "bad_request";
    /// <summary>A field is missing or has a value outside its allowed set or range.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>The resource does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>The request conflicts with the current state.</summary>
    public const string Conflict = "conflict";
    /// <summary>Authentication is required.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>The caller may not do this.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>Too many requests.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>A spending budget (AI model costs) is used up for the period.</summary>
    public const string BudgetExhausted = "budget_exhausted";
    /// <summary>A dependency (storage, exchange, model provider) is down.</summary>
    public const string DependencyUnavailable = "dependency_unavailable";
    /// <summary>An unexpected failure.</summary>
    public const string Internal = "internal_error";
}
