using Lyra.Api.Routing;
using Lyra.Exchanges.Venues;
using Lyra.Security.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api.Tests;

/// <summary>GET /api/security/status and /api/security/credentials/{exchange}: what protects Lyra, never a value.</summary>
public sealed class SecurityApiTests : IDisposable
{
    private const string Secret = "gate-secret-value-0123456789";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lyra-sec-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Credentials_from_the_vault_are_masked_with_their_version_and_last_rotation()
    {
        var vault = new LocalFileVault(Path.Combine(_dir.FullName, "vault.json"), VaultKey.FromPassphrase("test passphrase"), iterations: 1_000);
        await vault.SetAsync("Lyra:Exchanges:gateio:ApiKey", "gate-key-first-0123456789");
        await vault.SetAsync("Lyra:Exchanges:gateio:ApiKey", "gate-key-rotated-0123456789");
        await vault.SetAsync("Lyra:Exchanges:gateio:ApiSecret", Secret);
        await vault.SetAsync("Lyra:Exchanges:okx:ApiKey", "okx-key-0123456789abcdef");
        using var api = ApiUnit.Create(s => s.AddSingleton<ISecretVault>(vault));

        var (status, body) = await api.CallAsync(ApiRoutes.SecurityCredentials, id: "gateio");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        var rows = data.GetProperty("credentials").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["ApiKey", "ApiSecret"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("****6789", "vault", 2), (rows["ApiKey"].GetProperty("masked").GetString(), rows["ApiKey"].GetProperty("source").GetString(), rows["ApiKey"].GetProperty("version").GetInt32()));
        Assert.True(rows["ApiSecret"].GetProperty("last_rotated").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("gateio is not enabled", data.GetProperty("note").GetString());
        Assert.DoesNotContain(Secret, body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("gate-key-rotated", body.GetRawText(), StringComparison.Ordinal);

        var (_, s) = await api.CallAsync(ApiRoutes.SecurityStatus);
        Assert.Equal("local_file", s.GetProperty("data").GetProperty("vault").GetString());
    }

    [Fact]
    public async Task Without_a_vault_plain_settings_are_shown_masked_and_an_unknown_exchange_is_refused()
    {
        using var api = ApiUnit.Create(s => s.Configure<VenueOptions>("kraken", o => { o.ApiKey = "kraken-plain-key-0123456789"; o.ApiSecret = "short"; }));
        var (okStatus, body) = await api.CallAsync(ApiRoutes.SecurityCredentials, id: "kraken");
        Assert.True(okStatus == 200, body.GetRawText());
        var rows = body.GetProperty("data").GetProperty("credentials").EnumerateArray().ToList();
        Assert.Equal([("ApiKey", "****6789", "settings"), ("ApiSecret", "****", "settings")],
            rows.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("masked").GetString(), r.GetProperty("source").GetString())));
        Assert.DoesNotContain("kraken-plain-key", body.GetRawText(), StringComparison.Ordinal);
        var (_, s) = await api.CallAsync(ApiRoutes.SecurityStatus);
        Assert.Equal("settings", s.GetProperty("data").GetProperty("vault").GetString());

        var (bad, error) = await api.CallAsync(ApiRoutes.SecurityCredentials, id: "binance");
        Assert.Equal(400, bad);
        Assert.Equal("exchange", error.GetProperty("details").GetProperty("field").GetString());
    }
}
