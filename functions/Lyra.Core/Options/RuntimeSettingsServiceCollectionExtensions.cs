using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Core.Options;

/// <summary>Registers settings that may change at run time (<see cref="RuntimeSettings"/>).</summary>
public static class RuntimeSettingsServiceCollectionExtensions
{
    /// <summary>Adds the overrides in force, the updater and the service that reads the kept ones at start and every 30 s (the store comes from Lyra.Storage).</summary>
    public static IServiceCollection AddLyraRuntimeSettings(this IServiceCollection services)
    {
        services.TryAddSingleton<RuntimeSettings>();
        services.TryAddSingleton<RuntimeSettingsUpdater>();
        services.AddHostedService<RuntimeSettingsService>();
        return services;
    }

    /// <summary>Lays the run-time overrides of <paramref name="section"/> over <typeparamref name="T"/> and makes its keys changeable through the updater.</summary>
    public static IServiceCollection AddRuntimeSection<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton(sp => new RuntimeOverrides<T>(section, () => sp.GetRequiredService<RuntimeSettings>().Current.Values, sp.GetRequiredService<RuntimeSettings>()));
        services.AddSingleton<IPostConfigureOptions<T>>(sp => sp.GetRequiredService<RuntimeOverrides<T>>());
        services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => sp.GetRequiredService<RuntimeOverrides<T>>());
        services.AddSingleton<IRuntimeSection>(sp => new RuntimeSection<T>(section, sp.GetServices<IConfigureOptions<T>>(), sp.GetServices<IPostConfigureOptions<T>>(),
            sp.GetServices<IValidateOptions<T>>(), sp.GetRequiredService<IOptionsMonitor<T>>()));
        return services;
    }
}
