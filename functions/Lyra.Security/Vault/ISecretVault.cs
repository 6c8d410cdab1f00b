namespace Lyra.Security.Vault;

/// <summary>
/// Named secrets (exchange keys, model keys). The local host keeps them in an encrypted file
/// (<see cref="LocalFileVault"/>); Azure keeps them in Key Vault behind the same contract. Names follow Key Vault's rules
/// (<see cref="SecretName"/>). Values never leave through <see cref="ListAsync"/>: it returns masked values only.
/// </summary>
public interface ISecretVault
{
    /// <summary>The value of <paramref name="name"/>, or null when there is no such secret.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets <paramref name="name"/> (a new version when it exists; the previous value is kept as the prior version).</summary>
    Task SetAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="name"/> with all its versions; false when it did not exist.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every secret with a masked value, by name.</summary>
    Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken = default);
}
