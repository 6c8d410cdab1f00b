using System.Security.Cryptography;
using System.Text;

namespace Lyra.Exchanges.GateIo;

/// <summary>
/// Gate.io API v4 request signing: <c>SIGN = hex(HMAC-SHA512(secret, METHOD\npath\nquery\nhex(SHA-512(body))\ntimestamp))</c>,
/// where path includes <c>/api/v4</c>, the query is sent exactly as signed, and the timestamp is Unix seconds (header
/// <c>Timestamp</c>).
/// </summary>
public static class GateIoSigner
{
    /// <summary>The hex signature of one request.</summary>
    public static string Sign(string secret, string method, string path, string query, string body, long timestampSeconds)
    {
        Span<byte> bodyHash = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(Encoding.UTF8.GetBytes(body), bodyHash);
        var payload = string.Concat(method, "\n", path, "\n", query, "\n", Convert.ToHexStringLower(bodyHash), "\n",
            timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload), mac);
        return Convert.ToHexStringLower(mac);
    }
}
