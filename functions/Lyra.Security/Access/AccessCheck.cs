using Lyra.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Lyra.Security.Access;

/// <summary>The outcome of an access check: the caller (also when refused, if recognised), or the refusal (401 not recognised, 403 not allowed).</summary>
public sealed record AccessCheck(Caller? Caller, int Status, string? Code, string? Reason)
{
    /// <summary>Whether the request may proceed.</summary>
    public bool Allowed => Status == StatusCodes.Status200OK;

    /// <summary>Allowed as <paramref name="caller"/>.</summary>
    public static AccessCheck Allow(Caller caller) => new(caller, StatusCodes.Status200OK, null, null);

    /// <summary>The caller is not recognised (401).</summary>
    public static AccessCheck Unauthenticated(string reason) => new(null, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, reason);

    /// <summary>The caller is recognised but lacks the role (403).</summary>
    public static AccessCheck Forbidden(Caller caller, string reason) => new(caller, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, reason);
}
