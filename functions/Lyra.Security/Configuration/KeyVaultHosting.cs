using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Lyra.Security.Audit;
using Lyra.Security.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Security.Configuration;

/// <summary>Key Vault as the host's vault when <c>Lyra:KeyVault:Uri</c> is set (Bicep sets it on the Functions app).</summary>
public static class KeyVaultHosting
{
    /// <summary>The setting naming the vault.</summary>
    public const string UriSetting = "Lyra:KeyVault:Uri";

    /// <summary>How often the secrets are read again as settings (and how long a value read is reused).</summary>
    public static TimeSpan Refresh { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When <see cref="UriSetting"/> is set: registers <see cref="KeyVaultSecretVault"/> as the <see cref="ISecretVault"/>
    /// and adds its secrets as settings (re-read every <see cref="Refresh"/>). The client authenticates with
    /// <see cref="DefaultAzureCredential"/> using the user-assigned identity named by <c>AZURE_CLIENT_ID</c>.
    /// Returns the vault, or null when no vault is configured.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="host">This host's name in the audit of secret reads.</param>
    /// <param name="clientFactory">Creates the client for the vault's address (tests pass one trusting a loopback vault).</param>
    /// <param name="loggerFactory">Where reads are audited before the host's logging exists (default: the console).</param>
    public static KeyVaultSecretVault? AddLyraKeyVault(this IHostApplicationBuilder builder, string host, Func<Uri, SecretClient>? clientFactory = null,
        ILoggerFactory? loggerFactory = null)
    {
        if (builder.Configuration[UriSetting] is not { Length: > 0 } text) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new Lyra.Core.Errors.ValidationException(UriSetting, $"'{text}' is not an https address of a Key Vault");
        }

        var client = clientFactory?.Invoke(uri) ?? new SecretClient(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = builder.Configuration["AZURE_CLIENT_ID"],
        }));
        loggerFactory ??= LoggerFactory.Create(b => b.AddConsole());
        var reads = new SecretReads();
        var vault = new KeyVaultSecretVault(client, TimeProvider.System, loggerFactory.CreateLogger<KeyVaultSecretVault>(), host, Refresh, reads);
        builder.Services.AddSingleton(reads);
        builder.Configuration.AddLyraKeyVault(vault, Refresh);
        builder.Services.AddSingleton<ISecretVault>(vault);
        return vault;
    }
}
