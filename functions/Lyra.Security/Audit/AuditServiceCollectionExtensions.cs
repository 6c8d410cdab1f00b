using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lyra.Security.Audit;

/// <summary>Registers the audit journal's writer and the auditor of secret reads (the journal store comes from Lyra.Storage).</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AuditLog"/>, <see cref="SecretReads"/> (unless a vault registered its own) and <see cref="SecretReadAuditor"/>.</summary>
    public static IServiceCollection AddLyraAudit(this IServiceCollection services)
    {
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<SecretReads>();
        if (!services.Any(d => d.ServiceType == typeof(SecretReadAuditor)))
        {
            services.AddSingleton<SecretReadAuditor>();
            services.AddHostedService(sp => sp.GetRequiredService<SecretReadAuditor>());
        }

        return services;
    }
}
