using Lyra.Security.Audit;
using Lyra.Security.Vault;
using Microsoft.Extensions.Configuration;

namespace Lyra.Security.Configuration;

/// <summary>
/// Secrets as configuration: each secret named like a setting key with <c>--</c> for <c>:</c>
/// (<c>Lyra--Exchanges--gateio--ApiSecret</c>) becomes that setting, read when the configuration is built and, when a
/// reload interval is given, again that often (a rotated secret reaches <c>IOptionsMonitor</c> readers without a
/// restart). Added last, so a secret wins over a plain setting of the same key.
/// </summary>
/// <param name="readAll">Reads every secret by name.</param>
/// <param name="reloadInterval">How often to read them again (null: once).</param>
public sealed class VaultConfigurationSource(Func<IReadOnlyDictionary<string, string>> readAll, TimeSpan? reloadInterval = null) : IConfigurationSource
{
    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(readAll, reloadInterval);

    private sealed class Provider : ConfigurationProvider, IDisposable
    {
        private readonly Func<IReadOnlyDictionary<string, string>> _readAll;
        private readonly Timer? _reload;

        public Provider(Func<IReadOnlyDictionary<string, string>> readAll, TimeSpan? interval)
        {
            _readAll = readAll;
            if (interval is { } every) _reload = new Timer(_ => Reload(), null, every, every);
        }

        public override void Load() =>
            Data = _readAll().ToDictionary(p => SecretName.ToConfigurationKey(p.Key), p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);

        public void Dispose() => _reload?.Dispose();

        // What GET /api/config/settings names as the source of a setting.
        public override string ToString() => "vault";

        private void Reload()
        {
            try
            {
                Load();
                OnReload();
            }
            catch (VaultException)
            {
                // The vault is unreachable or refuses for now: keep the values read last time; the next tick tries again.
            }
        }
    }
}

/// <summary>Adds a vault to a configuration.</summary>
public static class VaultConfigurationExtensions
{
    /// <summary>
    /// Adds the local vault file's secrets as settings, read once (see <see cref="VaultConfigurationSource"/>); each
    /// secret read is noted in <paramref name="reads"/> for the audit journal.
    /// </summary>
    public static IConfigurationBuilder AddLyraVault(this IConfigurationBuilder builder, LocalFileVault vault, SecretReads? reads = null, TimeProvider? time = null) =>
        builder.Add(new VaultConfigurationSource(() =>
        {
            var all = vault.ReadAll();
            var now = (time ?? TimeProvider.System).GetUtcNow();
            foreach (var name in all.Keys) reads?.Record(name, "local vault " + vault.Path, found: true, now);
            return all;
        }));

    /// <summary>
    /// Adds Key Vault's secrets as settings, read now and again every <paramref name="reloadInterval"/> (startup waits for
    /// the first read, as configuration is built synchronously).
    /// </summary>
    public static IConfigurationBuilder AddLyraKeyVault(this IConfigurationBuilder builder, KeyVaultSecretVault vault, TimeSpan reloadInterval) =>
        builder.Add(new VaultConfigurationSource(() => vault.ReadAllAsync().GetAwaiter().GetResult(), reloadInterval));
}
