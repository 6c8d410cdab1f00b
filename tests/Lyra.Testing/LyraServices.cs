using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Testing;

/// <summary>Lyra's application over real storage, registered as a host registers it (without the host's engine and triggers).</summary>
public static class LyraServices
{
    /// <summary>Adds the workflows and the storage adapters.</summary>
    public static IServiceCollection AddLyraForTests(this IServiceCollection services, IConfiguration configuration, string hostName = "test") =>
        services.AddLyraWorkflows(configuration, hostName).AddLyraStorage(configuration);
}
