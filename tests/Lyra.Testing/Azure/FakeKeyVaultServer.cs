using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Testing.Azure;

/// <summary>
/// A loopback Azure Key Vault speaking the REST subset Lyra uses (api-version 7.x): get a secret (latest or by version),
/// set (a new version), list secrets, list a secret's versions, delete. HTTPS with a self-signed certificate; a request
/// without a bearer token gets the 401 challenge Key Vault sends (<c>WWW-Authenticate: Bearer authorization=…,
/// resource=…</c>); unknown secrets are 404 <c>SecretNotFound</c>; <see cref="Throttle"/> answers 429 with Retry-After.
/// <see cref="CreateClient"/> gives the real <see cref="SecretClient"/> set up to trust it.
/// </summary>
public sealed class FakeKeyVaultServer : IAsyncDisposable
{
    /// <summary>The tenant the challenge names.</summary>
    public const string TenantId = "72f988bf-0000-0000-0000-000000000000";

    private readonly ConcurrentDictionary<string, List<(string Version, string Value, DateTimeOffset At)>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly X509Certificate2 _certificate;
    private WebApplication _app = null!;
    private int _throttle;
    private int _versions;

    private FakeKeyVaultServer() => _certificate = SelfSigned();

    /// <summary>The vault's address (https://127.0.0.1:port/).</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Requests without a token (answered with the challenge).</summary>
    public int Challenges => Volatile.Read(ref _challenges);

    /// <summary>Reads of a secret's value (GET /secrets/{name}).</summary>
    public int ValueReads => Volatile.Read(ref _valueReads);

    /// <summary>Requests answered 429.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    private int _challenges;
    private int _valueReads;
    private int _throttled;

    /// <summary>Starts the server.</summary>
    public static async Task<FakeKeyVaultServer> StartAsync()
    {
        var s = new FakeKeyVaultServer();
        (s._app, s.VaultUri) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", (Func<HttpContext, Task>)s.HandleAsync), s._certificate);
        return s;
    }

    /// <summary>The real client, trusting this server's certificate, with a credential that hands out a fake token.</summary>
    public SecretClient CreateClient(int maxRetries = 3)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == _certificate.Thumbprint };
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true, // the challenge's resource is vault.azure.net, the host is 127.0.0.1
            Transport = new HttpClientTransport(handler),
            Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
        };
        return new SecretClient(VaultUri, new FakeCredential(), options);
    }

    /// <summary>Answers the next <paramref name="requests"/> authenticated requests with 429.</summary>
    public void Throttle(int requests) => Interlocked.Exchange(ref _throttle, requests);

    /// <summary>Puts a secret directly (as another writer would).</summary>
    public void Seed(string name, string value)
    {
        lock (_lock) Add(name, value);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _challenges);
            ctx.Response.StatusCode = 401;
            ctx.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"https://vault.azure.net\"";
            return;
        }

        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            Interlocked.Increment(ref _throttled);
            ctx.Response.Headers.RetryAfter = "0";
            await Error(ctx, 429, "Throttled", "Rate limit is exceeded. Try again in 0 seconds.");
            return;
        }

        Interlocked.Exchange(ref _throttle, 0);
        var parts = (ctx.Request.Path.Value ?? "").Trim('/').Split('/');
        if (parts is not ["secrets", ..])
        {
            await Error(ctx, 404, "NotFound", "no such endpoint");
            return;
        }

        switch (ctx.Request.Method, parts.Length)
        {
            case ("GET", 1):
                await Json(ctx, 200, new JsonObject { ["value"] = new JsonArray([.. Names().Select(n => (JsonNode)Properties(n, Latest(n)!.Value))]), ["nextLink"] = null });
                return;
            case ("GET", 2) or ("GET", 3) when parts.Length == 2 || parts[2] != "versions":
                var found = parts.Length == 2 ? Latest(parts[1]) : Version(parts[1], parts[2]);
                if (found is null)
                {
                    await Error(ctx, 404, "SecretNotFound", $"A secret with (name/id) {parts[1]} was not found in this key vault.");
                    return;
                }

                Interlocked.Increment(ref _valueReads);
                var bundle = Properties(parts[1], found.Value, withVersion: true);
                bundle["value"] = found.Value.Value;
                await Json(ctx, 200, bundle);
                return;
            case ("GET", 3):
                JsonArray versions;
                lock (_lock) versions = [.. (_secrets.GetValueOrDefault(parts[1]) ?? []).Select(v => (JsonNode)Properties(parts[1], v, withVersion: true))];
                await Json(ctx, 200, new JsonObject { ["value"] = versions, ["nextLink"] = null });
                return;
            case ("PUT", 2):
                var body = (await JsonNode.ParseAsync(ctx.Request.Body))!;
                (string Version, string Value, DateTimeOffset At) added;
                lock (_lock) added = Add(parts[1], body["value"]!.GetValue<string>());
                var created = Properties(parts[1], added, withVersion: true);
                created["value"] = added.Value;
                await Json(ctx, 200, created);
                return;
            case ("DELETE", 2):
                List<(string Version, string Value, DateTimeOffset At)>? removed;
                lock (_lock) _secrets.TryRemove(parts[1], out removed);
                if (removed is null)
                {
                    await Error(ctx, 404, "SecretNotFound", $"A secret with (name/id) {parts[1]} was not found in this key vault.");
                    return;
                }

                var deleted = Properties(parts[1], removed[^1], withVersion: true);
                deleted["recoveryId"] = $"{VaultUri}deletedsecrets/{parts[1]}";
                deleted["deletedDate"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                await Json(ctx, 200, deleted);
                return;
        }

        await Error(ctx, 405, "MethodNotAllowed", $"{ctx.Request.Method} is not supported here");
    }

    private (string Version, string Value, DateTimeOffset At) Add(string name, string value)
    {
        var entry = (Interlocked.Increment(ref _versions).ToString("x32", System.Globalization.CultureInfo.InvariantCulture), value, DateTimeOffset.UtcNow);
        _secrets.GetOrAdd(name, _ => []).Add(entry);
        return entry;
    }

    private List<string> Names()
    {
        lock (_lock) return [.. _secrets.Keys.Order(StringComparer.Ordinal)];
    }

    private (string Version, string Value, DateTimeOffset At)? Latest(string name)
    {
        lock (_lock) return _secrets.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;
    }

    private (string Version, string Value, DateTimeOffset At)? Version(string name, string version)
    {
        lock (_lock) return _secrets.TryGetValue(name, out var v) && v.FindIndex(x => x.Version == version) is >= 0 and var i ? v[i] : null;
    }

    private JsonObject Properties(string name, (string Version, string Value, DateTimeOffset At) v, bool withVersion = false) => new()
    {
        ["id"] = withVersion ? $"{VaultUri}secrets/{name}/{v.Version}" : $"{VaultUri}secrets/{name}",
        ["attributes"] = new JsonObject
        {
            ["enabled"] = true, ["created"] = v.At.ToUnixTimeSeconds(), ["updated"] = v.At.ToUnixTimeSeconds(), ["recoveryLevel"] = "Recoverable+Purgeable",
        },
    };

    private static Task Error(HttpContext ctx, int status, string code, string message) =>
        Json(ctx, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static Task Json(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.WriteAsync(body.ToJsonString());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("fake-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
