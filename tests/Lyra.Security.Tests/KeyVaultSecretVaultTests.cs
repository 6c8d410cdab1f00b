using Lyra.Security.Vault;
using Lyra.Testing;
using Lyra.Testing.Azure;
using Microsoft.Extensions.Time.Testing;

namespace Lyra.Security.Tests;

/// <summary>The Key Vault vault through the real SecretClient against the loopback Key Vault (challenge, 404, 429 included).</summary>
public sealed class KeyVaultSecretVaultTests : IAsyncLifetime
{
    private const string Secret = "gate-secret-0123456789abcdef";
    private FakeKeyVaultServer _kv = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<KeyVaultSecretVault> _log = new();

    public async Task InitializeAsync() => _kv = await FakeKeyVaultServer.StartAsync();

    public async Task DisposeAsync() => await _kv.DisposeAsync();

    private readonly Lyra.Security.Audit.SecretReads _reads = new();

    private KeyVaultSecretVault Vault(int maxRetries = 3) => new(_kv.CreateClient(maxRetries), _time, _log, "host-a", TimeSpan.FromMinutes(5), _reads);

    [Fact]
    public async Task A_secret_set_under_its_setting_key_is_read_back_after_the_bearer_challenge()
    {
        var vault = Vault();
        await vault.SetAsync("Lyra:Exchanges:gateio:ApiSecret", Secret);
        Assert.Equal(Secret, await vault.GetAsync("Lyra--Exchanges--gateio--ApiSecret"));
        Assert.True(_kv.Challenges >= 1, "the client first asks without a token and gets the challenge");
        Assert.Null(await vault.GetAsync("Lyra--OpenRouter--ApiKeys--0")); // 404 SecretNotFound
    }

    [Fact]
    public async Task A_rotated_secret_is_picked_up_after_the_cache_time_without_a_restart()
    {
        _kv.Seed("Lyra--Exchanges--okx--ApiKey", "first-value-0123456789");
        var vault = Vault();
        Assert.Equal("first-value-0123456789", await vault.GetAsync("Lyra--Exchanges--okx--ApiKey"));
        _kv.Seed("Lyra--Exchanges--okx--ApiKey", "rotated-value-0123456789");
        Assert.Equal("first-value-0123456789", await vault.GetAsync("Lyra--Exchanges--okx--ApiKey")); // cached
        Assert.Equal(1, _kv.ValueReads);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("rotated-value-0123456789", await vault.GetAsync("Lyra--Exchanges--okx--ApiKey"));
        Assert.Equal(2, _kv.ValueReads);
    }

    [Fact]
    public async Task Every_read_of_key_vault_is_audited_by_name_and_host_never_the_value()
    {
        _kv.Seed("Lyra--Exchanges--kraken--ApiSecret", Secret);
        var vault = Vault();
        await vault.GetAsync("Lyra--Exchanges--kraken--ApiSecret");
        await vault.GetAsync("Lyra--Exchanges--kraken--ApiSecret"); // from the cache: no read of the vault
        Assert.Equal(["Audit: secret Lyra--Exchanges--kraken--ApiSecret read from Key Vault by host-a (found: True)"], _log.Messages);
        Assert.DoesNotContain(_log.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
        // And noted for the audit journal (written by SecretReadAuditor once the host runs): the name, never the value.
        var read = Assert.Single(_reads.Take(10));
        Assert.Equal(("Lyra--Exchanges--kraken--ApiSecret", true, _time.GetUtcNow()), (read.Name, read.Found, read.At));
        Assert.StartsWith("key vault 127.0.0.1", read.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_and_past_the_retries_names_the_vault()
    {
        _kv.Seed("Lyra--Exchanges--gateio--ApiKey", "key-0123456789abcdef");
        _kv.Throttle(2);
        Assert.Equal("key-0123456789abcdef", await Vault().GetAsync("Lyra--Exchanges--gateio--ApiKey"));
        Assert.Equal(2, _kv.Throttled);

        _kv.Throttle(10);
        var e = await Assert.ThrowsAsync<VaultException>(() => Vault(maxRetries: 1).GetAsync("Lyra--Exchanges--gateio--ApiKey"));
        Assert.Contains("throttled", e.Message, StringComparison.Ordinal);
        Assert.Contains(_kv.VaultUri.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_shows_names_and_versions_without_reading_a_value_and_remove_is_soft()
    {
        _kv.Seed("Lyra--Exchanges--gateio--ApiKey", "a-0123456789abcdef");
        _kv.Seed("Lyra--Exchanges--gateio--ApiKey", "b-0123456789abcdef");
        _kv.Seed("Lyra--Exchanges--gateio--ApiSecret", "c-0123456789abcdef");
        var vault = Vault();
        var list = await vault.ListAsync();
        Assert.Equal([("Lyra--Exchanges--gateio--ApiKey", 2, "****"), ("Lyra--Exchanges--gateio--ApiSecret", 1, "****")], list.Select(s => (s.Name, s.Version, s.Masked)));
        Assert.Equal(0, _kv.ValueReads);
        Assert.True(await vault.RemoveAsync("Lyra--Exchanges--gateio--ApiKey"));
        Assert.False(await vault.RemoveAsync("Lyra--Exchanges--gateio--ApiKey"));
        Assert.Null(await vault.GetAsync("Lyra--Exchanges--gateio--ApiKey"));
    }

    [Fact]
    public async Task A_bad_name_is_refused_before_any_call()
    {
        var e = await Assert.ThrowsAsync<Lyra.Core.Errors.ValidationException>(() => Vault().GetAsync("no spaces allowed"));
        Assert.Equal("name", e.Field);
        Assert.Equal(0, _kv.Challenges);
    }
}

/// <summary>A host with <c>Lyra:KeyVault:Uri</c> reads its secrets from Key Vault as settings and keeps them fresh.</summary>
public sealed class KeyVaultHostingTests
{
    [Fact]
    public async Task The_vault_named_by_the_setting_becomes_the_hosts_vault_and_its_secrets_settings()
    {
        await using var kv = await FakeKeyVaultServer.StartAsync();
        kv.Seed("Lyra--Exchanges--gateio--ApiKey", "gate-key-0123456789");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["Lyra:KeyVault:Uri"] = kv.VaultUri.ToString();
        builder.Configuration["Lyra:Exchanges:gateio:ApiKey"] = "plain-setting";
        var vault = Lyra.Security.Configuration.KeyVaultHosting.AddLyraKeyVault(builder, "test-host", _ => kv.CreateClient(),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.NotNull(vault);
        Assert.Equal("gate-key-0123456789", builder.Configuration["Lyra:Exchanges:gateio:ApiKey"]); // the secret wins over a plain setting
        using var host = builder.Build();
        Assert.Same(vault, host.Services.GetService(typeof(ISecretVault)));
    }

    [Fact]
    public void Without_the_setting_nothing_changes_and_a_bad_address_names_the_setting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        Assert.Null(Lyra.Security.Configuration.KeyVaultHosting.AddLyraKeyVault(builder, "test-host"));
        builder.Configuration["Lyra:KeyVault:Uri"] = "http://not-https.example";
        var e = Assert.Throws<Lyra.Core.Errors.ValidationException>(() => Lyra.Security.Configuration.KeyVaultHosting.AddLyraKeyVault(builder, "test-host"));
        Assert.Equal("Lyra:KeyVault:Uri", e.Field);
    }
}
