using System.Security.Cryptography;
using System.Text;

namespace Lyra.Security.Vault;

/// <summary>
/// What unlocks a vault file: a passphrase (stretched with PBKDF2-SHA256 and the file's salt) or a raw 256-bit key
/// (for machines, from <see cref="KeyVariable"/>). Holds the secret material only as long as it lives.
/// </summary>
public sealed class VaultKey
{
    /// <summary>Environment variable with the passphrase.</summary>
    public const string PassphraseVariable = "LYRA_VAULT_PASSPHRASE";

    /// <summary>Environment variable with a raw key: 32 bytes, base64.</summary>
    public const string KeyVariable = "LYRA_VAULT_KEY";

    /// <summary>Environment variable with the new passphrase for <c>lyra vault rotate</c>.</summary>
    public const string NewPassphraseVariable = "LYRA_VAULT_NEW_PASSPHRASE";

    /// <summary>Environment variable with the new raw key for <c>lyra vault rotate</c>.</summary>
    public const string NewKeyVariable = "LYRA_VAULT_NEW_KEY";

    /// <summary>PBKDF2-SHA256 iterations for new files (OWASP's 2023 figure for this hash).</summary>
    public const int DefaultIterations = 600_000;

    private readonly byte[]? _passphrase;
    private readonly byte[]? _raw;

    private VaultKey(byte[]? passphrase, byte[]? raw)
    {
        _passphrase = passphrase;
        _raw = raw;
    }

    /// <summary>True for a passphrase, false for a raw key.</summary>
    public bool IsPassphrase => _passphrase is not null;

    /// <summary>A passphrase key.</summary>
    /// <exception cref="VaultException">Empty passphrase.</exception>
    public static VaultKey FromPassphrase(string passphrase)
    {
        if (string.IsNullOrEmpty(passphrase)) throw new VaultException("the vault passphrase is empty");
        return new VaultKey(Encoding.UTF8.GetBytes(passphrase), null);
    }

    /// <summary>A raw key from its base64 text.</summary>
    /// <exception cref="VaultException">Not base64 of exactly 32 bytes; the message names <paramref name="source"/>, not the value.</exception>
    public static VaultKey FromBase64(string base64, string source = KeyVariable)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new VaultException($"{source} is not base64; it must hold 32 random bytes (e.g. from 'openssl rand -base64 32')");
        }

        if (raw.Length != 32) throw new VaultException($"{source} holds {raw.Length} bytes; it must hold exactly 32 (e.g. from 'openssl rand -base64 32')");
        return new VaultKey(null, raw);
    }

    /// <summary>
    /// The key from the environment: <see cref="KeyVariable"/> first, then <see cref="PassphraseVariable"/>; null when neither is set.
    /// </summary>
    public static VaultKey? FromEnvironment(string keyVariable = KeyVariable, string passphraseVariable = PassphraseVariable)
    {
        if (Environment.GetEnvironmentVariable(keyVariable) is { Length: > 0 } k) return FromBase64(k, keyVariable);
        if (Environment.GetEnvironmentVariable(passphraseVariable) is { Length: > 0 } p) return FromPassphrase(p);
        return null;
    }

    /// <summary>The 256-bit AES key for a file with <paramref name="salt"/> and <paramref name="iterations"/> (ignored for a raw key).</summary>
    internal byte[] Derive(byte[] salt, int iterations) =>
        _raw is not null ? (byte[])_raw.Clone() : Rfc2898DeriveBytes.Pbkdf2(_passphrase!, salt, iterations, HashAlgorithmName.SHA256, 32);
}
