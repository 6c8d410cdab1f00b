using Lyra.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Lyra.Security.Access;

/// <summary>
/// Access under Azure Functions. <see cref="ApiAccess.Read"/> routes are declared with a function key
/// (<c>AuthorizationLevel.Function</c>), which the Functions host checks before Lyra runs. <see cref="ApiAccess.Operate"/>
/// and <see cref="ApiAccess.Administer"/> routes need a person or application signed in through App Service Authentication
/// holding a Lyra role, read from <see cref="ClientPrincipal.Header"/>. The header is believed only when the platform
/// says its authentication is on (<c>WEBSITE_AUTH_ENABLED</c>, set by App Service): without it anybody could write it.
/// </summary>
public sealed class AppServiceAccessControl(IConfiguration configuration) : IAccessControl
{
    /// <summary>The app setting App Service sets when its authentication is enabled.</summary>
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <inheritdoc />
    public AccessCheck Check(ApiAccess access, HttpRequest request)
    {
        var authOn = string.Equals(configuration[AuthEnabledSetting], "true", StringComparison.OrdinalIgnoreCase);
        var header = request.Headers[ClientPrincipal.Header].ToString();
        ClientPrincipal? principal = null;
        if (authOn && header.Length > 0)
        {
            try
            {
                principal = ClientPrincipal.Parse(header);
            }
            catch (ValidationException e)
            {
                return AccessCheck.Unauthenticated(e.Message);
            }
        }

        if (access == ApiAccess.Public) return AccessCheck.Allow(principal is null ? new Caller("anonymous", "public", Caller.NoRoles) : Of(principal));
        // The Functions host let the request in, so it carried the function key (or a host key).
        if (access == ApiAccess.Read) return AccessCheck.Allow(principal is null ? new Caller("function-key", "function-key", Caller.NoRoles) : Of(principal));
        if (!authOn)
        {
            return AccessCheck.Unauthenticated(
                $"this route needs a signed-in caller with the role {LyraRoles.Needed(access)}, and App Service Authentication is not enabled on this app (see the README: Deploy to Azure, access control)");
        }

        if (principal is null) return AccessCheck.Unauthenticated($"sign in: this route needs a caller with the role {LyraRoles.Needed(access)}");
        return LyraRoles.Allow(access, principal.Roles)
            ? AccessCheck.Allow(Of(principal))
            : AccessCheck.Forbidden(Of(principal), $"{principal.Name} lacks the role {LyraRoles.Needed(access)}");
    }

    private static Caller Of(ClientPrincipal p) => new(p.Name, "app-service-auth", p.Roles);
}
