using Lyra.Security.Access;

namespace Lyra.Api.Routing;

/// <summary>One HTTP endpoint: the function name, the verb and the route below <c>/api/</c>.</summary>
/// <param name="Name">Function name in Azure Functions and route name in the local host.</param>
/// <param name="Method">HTTP verb in upper case.</param>
/// <param name="Template">Route template below <c>/api/</c>, for example <c>decisions/{id}</c>.</param>
/// <param name="Module">Module named in the envelope.</param>
/// <param name="Access">Who may call it (checked by the host's <see cref="IAccessControl"/> before the handler runs).</param>
public sealed record ApiRoute(string Name, string Method, string Template, string Module, ApiAccess Access);
