using System.Security.Cryptography;
using System.Text;

namespace Lyra.Core.Ids;

/// <summary>
/// Derives stable identifiers from their parts, so that redelivered work maps to the same id
/// (idempotent orchestration starts, client order ids).
/// </summary>
public static class DeterministicId
{
    /// <summary>Returns <paramref name="prefix"/> followed by the first <paramref name="hexChars"/> hex chars of SHA-256 over the parts.</summary>
    public static string From(string prefix, int hexChars, params string[] parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hexChars, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hexChars, 64);
        // The unit separator cannot occur in the parts we hash, so ("a","bc") and ("ab","c") differ.
        var joined = string.Join('\u001f', parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(joined));
        return prefix + Convert.ToHexStringLower(hash)[..hexChars];
    }
}
