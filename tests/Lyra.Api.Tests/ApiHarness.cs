using Lyra.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>The flow harness with the API handlers registered.</summary>
internal static class ApiHarness
{
    public static Task<FlowHarness> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null) =>
        FlowHarness.StartAsync(s =>
        {
            s.AddLyraApi();
            // Handlers are tested here; who may call them is tested in AccessControlTests.
            s.AddSingleton<Lyra.Security.Access.IAccessControl>(Lyra.Security.Access.ApiKeyAccessControl.NoAuth);
            configure?.Invoke(s);
        }, settings);
}
