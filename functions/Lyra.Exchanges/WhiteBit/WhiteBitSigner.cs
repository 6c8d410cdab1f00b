using System.Security.Cryptography;
using System.Text;

namespace Lyra.Exchanges.WhiteBit;

/// <summary>
/// WhiteBIT API v4 request signing: every private call is a POST whose JSON body carries <c>request</c> (the path) and
/// <c>nonce</c>; <c>X-TXC-PAYLOAD = Base64(body bytes)</c> and <c>X-TXC-SIGNATURE = hex(HMAC-SHA512(secret, payload))</c>.
/// The body sent must be byte-identical to the one encoded.
/// </summary>
public static class WhiteBitSigner
{
    /// <summary>The payload header of a body.</summary>
    public static string Payload(string body) => Convert.ToBase64String(Encoding.UTF8.GetBytes(body));

    /// <summary>The hex signature of a payload.</summary>
    public static string Sign(string secret, string payload)
    {
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(payload), mac);
        return Convert.ToHexStringLower(mac);
    }
}
