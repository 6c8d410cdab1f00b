using Lyra.Cli.Commands;
using Lyra.Core.Errors;
using Lyra.Security.Access;
using Lyra.Security.Vault;

namespace Lyra.Cli.Hosting;

/// <summary>
/// Chooses how <c>lyra run</c>'s API is guarded. The API key's SHA-256 lives in the vault as
/// <c>Lyra--Api--KeySha256</c>; the first live start creates the key, stores its hash (creating the vault when there is
/// none) and shows the key once. A run that keeps nothing (a replay, <c>--in-memory</c>) without a stored key gets a key
/// of its own for that run. <c>--no-auth</c> asks nothing: the API listens on 127.0.0.1 only.
/// </summary>
public static class LocalApiAccess
{
    /// <summary>The vault secret holding the key's hash.</summary>
    public static string SecretName => Security.Vault.SecretName.Normalize(ApiKey.HashSetting);

    /// <summary>The line announcing a new key starts with this (tests read the key from it).</summary>
    public const string NewKeyLine = "lyra: API key (shown once; send it as X-Api-Key): ";

    /// <summary>The access control for this run and the vault the host should read (the one given, or the one created for the key).</summary>
    /// <param name="noAuth"><c>--no-auth</c>.</param>
    /// <param name="newKey"><c>--new-api-key</c>: replace the stored key.</param>
    /// <param name="keepsNothing">The run keeps no state (a scratch replay, <c>--in-memory</c>).</param>
    /// <param name="vault">The vault opened for this run, or null when there is none.</param>
    /// <param name="output">Where the key is shown.</param>
    /// <param name="cancellationToken">Cancels the vault write.</param>
    /// <exception cref="LyraException">The key cannot be kept: no vault and no way to create one.</exception>
    public static async Task<(IAccessControl Access, LocalFileVault? Vault)> ResolveAsync(bool noAuth, bool newKey, bool keepsNothing, LocalFileVault? vault,
        TextWriter output, CancellationToken cancellationToken)
    {
        if (noAuth)
        {
            if (newKey) throw new ValidationException("--new-api-key", "--new-api-key and --no-auth exclude each other");
            output.WriteLine("lyra: --no-auth: the API on 127.0.0.1 asks for no key; anyone on this machine can use it");
            return (ApiKeyAccessControl.NoAuth, vault);
        }

        var stored = newKey ? null : vault is null ? null : await vault.GetAsync(SecretName, cancellationToken);
        stored ??= newKey ? null : Environment.GetEnvironmentVariable(ApiKey.HashSetting.Replace(":", "__", StringComparison.Ordinal));
        if (stored is not null)
        {
            if (!ApiKey.IsHash(stored)) throw new ValidationException(ApiKey.HashSetting, $"{ApiKey.HashSetting} is not a SHA-256 in hex; run lyra run --new-api-key to replace it");
            output.WriteLine("lyra: the API asks for the key in X-Api-Key (kept hashed in the vault; lyra run --new-api-key replaces it)");
            return (new ApiKeyAccessControl(stored), vault);
        }

        var key = ApiKey.Generate();
        if (keepsNothing && !newKey)
        {
            output.WriteLine(NewKeyLine + key + "   (for this run only: it keeps nothing)");
            return (new ApiKeyAccessControl(ApiKey.Hash(key)), vault);
        }

        if (vault is null)
        {
            try
            {
                vault = VaultCommand.Open(null, output, creating: true);
            }
            catch (VaultException e)
            {
                throw new ValidationException("--no-auth",
                    $"the API key is kept in the vault and there is none yet ({e.Message}); or run with --no-auth to serve the API on 127.0.0.1 without a key");
            }
        }

        await vault.SetAsync(SecretName, ApiKey.Hash(key), cancellationToken);
        output.WriteLine(NewKeyLine + key);
        output.WriteLine($"lyra: its hash is kept in the vault {vault.Path}; the key itself is not kept anywhere: store it now");
        return (new ApiKeyAccessControl(ApiKey.Hash(key)), vault);
    }
}
