using Microsoft.AspNetCore.Http;

namespace Lyra.Security.Access;

/// <summary>
/// Decides whether a request may call a route of a given <see cref="ApiAccess"/> level. Each host registers exactly one:
/// <see cref="AppServiceAccessControl"/> under Azure Functions, <see cref="ApiKeyAccessControl"/> in <c>lyra run</c>.
/// </summary>
public interface IAccessControl
{
    /// <summary>Checks <paramref name="request"/> against <paramref name="access"/>.</summary>
    AccessCheck Check(ApiAccess access, HttpRequest request);
}
