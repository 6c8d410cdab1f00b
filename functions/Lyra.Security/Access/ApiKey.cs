using System.Security.Cryptography;
using System.Text;

namespace Lyra.Security.Access;

/// <summary>
/// The local host's API key: 32 random bytes (<c>lyra_</c> + Base64url), kept only as its SHA-256 in the vault
/// (setting <see cref="HashSetting"/>), so it is shown once, when created, and can be replaced but never read back.
/// </summary>
public static class ApiKey
{
    /// <summary>The header carrying the key (<c>Authorization: Bearer</c> works too).</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The setting (and, as <c>Lyra--Api--KeySha256</c>, the vault secret) holding the key's SHA-256 in hex.</summary>
    public const string HashSetting = "Lyra:Api:KeySha256";

    private const string Prefix = "lyra_";

    /// <summary>A new random key.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of <paramref name="key"/> in lower-case hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="hash"/> (compared in constant time).</summary>
    public static bool Matches(string key, string hash)
    {
        var actual = Encoding.ASCII.GetBytes(Hash(key));
        var expected = Encoding.ASCII.GetBytes(hash.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether <paramref name="hash"/> looks like a SHA-256 in hex.</summary>
    public static bool IsHash(string? hash) => hash is { Length: 64 } && hash.All(Uri.IsHexDigit);
}
