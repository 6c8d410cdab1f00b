using System.Text.Json;
using BenchmarkDotNet.Attributes;
using System.Text.Json.Nodes;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Kraken;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.WhiteBit;

namespace Lyra.Benchmarks;

/// <summary>
/// What each venue costs per order before anything leaves the machine: the order body serialized as the connector
/// serializes it, plus the signature (target: under 10 µs per order).
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private const string Secret = "bench-secret-0123456789abcdef0123456789abcdef";
    private static readonly string KrakenSecret = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret));
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Gate.io: JSON body, SHA-512 of it, HMAC-SHA512 of the string to sign, hex.</summary>
    [Benchmark]
    public string GateIo()
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["text"] = "t-3f9a1c0e5b7d2a4c6e8f0a1b2c3d", ["currency_pair"] = "BTC_USDT", ["type"] = "limit", ["account"] = "spot", ["side"] = "buy",
            ["amount"] = "0.012345", ["price"] = "65000.1", ["time_in_force"] = "gtc",
        });
        return GateIoSigner.Sign(Secret, "POST", "/api/v4/spot/orders", "", body, Now.ToUnixTimeSeconds());
    }

    /// <summary>OKX: JSON body, ISO timestamp, HMAC-SHA256 of timestamp + method + path + body, Base64.</summary>
    [Benchmark]
    public string Okx()
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instId"] = "BTC-USDT", ["tdMode"] = "cash", ["clOrdId"] = "ly3f9a1c0e5b7d2a4c6e8f0a1b2c3d4e", ["side"] = "buy", ["sz"] = "0.012345",
            ["ordType"] = "limit", ["px"] = "65000.1",
        });
        return OkxSigner.Sign(Secret, OkxSigner.Timestamp(Now), "POST", "/api/v5/trade/order", body);
    }

    /// <summary>WhiteBIT: JSON body with request and nonce, Base64 payload, HMAC-SHA512 of the payload, hex.</summary>
    [Benchmark]
    public string WhiteBit()
    {
        var body = new JsonObject
        {
            ["request"] = "/api/v4/order/new", ["nonce"] = Now.ToUnixTimeMilliseconds(), ["nonceWindow"] = true, ["market"] = "BTC_USDT", ["side"] = "buy",
            ["amount"] = "0.012345", ["clientOrderId"] = "ly3f9a1c0e5b7d2a4c6e8f0a1b2c3d4e", ["price"] = "65000.1",
        }.ToJsonString();
        return WhiteBitSigner.Sign(Secret, WhiteBitSigner.Payload(body));
    }

    /// <summary>Kraken: form body with the nonce, SHA-256 of nonce + body, HMAC-SHA512 with the Base64-decoded secret, Base64.</summary>
    [Benchmark]
    public string Kraken()
    {
        var nonce = Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = "nonce=" + nonce + "&ordertype=limit&type=buy&volume=0.012345&pair=XBTUSD&cl_ord_id=3f9a1c0e5b7d2a4c6e8f0a1b2c3d4e5f&price=65000.1";
        return KrakenSigner.Sign(KrakenSecret, "/0/private/AddOrder", nonce, body);
    }
}
