using Lyra.Security.Vault;
using Microsoft.Extensions.Configuration;

namespace Lyra.Security.Configuration;

/// <summary>
/// Secrets as configuration: each secret named like a setting key with <c>--</c> for <c>:</c>
/// (<c>Lyra--Exchanges--gateio--ApiSecret</c>) becomes that setting, read once when the configuration is built.
/// Added last, so a secret wins over a plain setting of the same key.
/// </summary>
public sealed class VaultConfigurationSource(LocalFileVault vault) : IConfigurationSource
{
    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(vault);

    private sealed class Provider(LocalFileVault vault) : ConfigurationProvider
    {
        public override void Load() =>
            Data = vault.ReadAll().ToDictionary(p => SecretName.ToConfigurationKey(p.Key), p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>Adds the vault to a configuration.</summary>
public static class VaultConfigurationExtensions
{
    /// <summary>Adds <paramref name="vault"/>'s secrets as settings (see <see cref="VaultConfigurationSource"/>).</summary>
    public static IConfigurationBuilder AddLyraVault(this IConfigurationBuilder builder, LocalFileVault vault) =>
        builder.Add(new VaultConfigurationSource(vault));
}
