using System.Security.Cryptography;
using System.Text;

namespace Lyra.Exchanges.Kraken;

/// <summary>
/// Kraken REST signing: <c>API-Sign = Base64(HMAC-SHA512(Base64Decode(secret), path + SHA256(nonce + postdata)))</c>,
/// where the path is <c>/0/private/&lt;Method&gt;</c> and the post data is the form-encoded body (which carries the nonce).
/// </summary>
public static class KrakenSigner
{
    /// <summary>The Base64 signature of one request.</summary>
    /// <exception cref="FormatException">The secret is not Base64 (Kraken hands it out as Base64).</exception>
    public static string Sign(string secret, string path, string nonce, string postData)
    {
        Span<byte> inner = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(nonce + postData), inner);
        var message = new byte[Encoding.UTF8.GetByteCount(path) + inner.Length];
        var written = Encoding.UTF8.GetBytes(path, message);
        inner.CopyTo(message.AsSpan(written));
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(Convert.FromBase64String(secret), message, mac);
        return Convert.ToBase64String(mac);
    }
}
