namespace Lyra.Security.Access;

/// <summary>Who made a request, as the audit records it.</summary>
/// <param name="Name">The person or application (principal name), or what stood for it (<c>api-key</c>, <c>function-key</c>).</param>
/// <param name="Via">How the caller was recognised: <c>app-service-auth</c>, <c>function-key</c>, <c>api-key</c>, <c>no-auth</c>, <c>public</c>.</param>
/// <param name="Roles">The caller's Lyra roles.</param>
public sealed record Caller(string Name, string Via, IReadOnlySet<string> Roles)
{
    /// <summary>Every role (the local host's single user).</summary>
    public static IReadOnlySet<string> AllRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { LyraRoles.Trader, LyraRoles.Admin };

    /// <summary>No role.</summary>
    public static IReadOnlySet<string> NoRoles { get; } = new HashSet<string>(StringComparer.Ordinal);
}
