using System.Security.Cryptography;
using System.Text;

namespace Lyra.Exchanges.Okx;

/// <summary>
/// OKX API v5 request signing: <c>OK-ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))</c>,
/// where the timestamp is ISO 8601 UTC with milliseconds (<c>2020-12-08T09:08:57.715Z</c>, also sent as
/// <c>OK-ACCESS-TIMESTAMP</c>) and the request path includes the query string.
/// </summary>
public static class OkxSigner
{
    /// <summary>The timestamp text OKX expects.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Base64 signature of one request.</summary>
    public static string Sign(string secret, string timestamp, string method, string requestPath, string body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Concat(timestamp, method, requestPath, body)), mac);
        return Convert.ToBase64String(mac);
    }
}
