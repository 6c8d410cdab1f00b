using System.Text;
using System.Text.Json.Nodes;
using Lyra.Core.Errors;
using Lyra.Security.Configuration;
using Lyra.Security.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Lyra.Security.Tests;

public sealed class LocalFileVaultTests : IDisposable
{
    // Low iterations keep the tests fast; one test runs the production figure.
    private const int FastIterations = 1_000;
    private const string Planted = "PLANTED-7f3c9a1e5b2d4c6f8a0e";
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-vault-").FullName;

    private string File_ => Path.Combine(_dir, "vault.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LocalFileVault Open(string passphrase = "correct horse", TimeProvider? clock = null) =>
        new(File_, VaultKey.FromPassphrase(passphrase), clock, FastIterations);

    [Fact]
    public async Task Round_trip_through_a_new_instance()
    {
        await Open().SetAsync("Lyra:Exchanges:gateio:ApiSecret", Planted);
        await Open().SetAsync("openrouter-key", "short");

        var again = Open();
        Assert.Equal(Planted, await again.GetAsync("Lyra--Exchanges--gateio--ApiSecret"));
        Assert.Equal(Planted, await again.GetAsync("Lyra:Exchanges:gateio:ApiSecret"));
        Assert.Equal("short", await again.GetAsync("openrouter-key"));
        Assert.Null(await again.GetAsync("missing"));
    }

    [Fact]
    public async Task The_file_holds_no_plaintext_and_only_its_owner_may_read_it()
    {
        await Open().SetAsync("gateio-secret", Planted);
        var bytes = await File.ReadAllBytesAsync(File_);
        Assert.DoesNotContain(Planted, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("gateio-secret", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(File_));
        }
    }

    [Fact]
    public async Task Each_write_uses_a_fresh_nonce()
    {
        var vault = Open();
        await vault.SetAsync("a", "one");
        var first = JsonNode.Parse(await File.ReadAllTextAsync(File_))!["nonce"]!.GetValue<string>();
        await vault.SetAsync("a", "one");
        var second = JsonNode.Parse(await File.ReadAllTextAsync(File_))!["nonce"]!.GetValue<string>();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_a_clear_error_and_changes_nothing()
    {
        await Open().SetAsync("a", Planted);
        var before = await File.ReadAllBytesAsync(File_);

        var e = await Assert.ThrowsAsync<VaultException>(() => Open("wrong").SetAsync("b", "x"));
        Assert.Contains(File_, e.Message, StringComparison.Ordinal);
        Assert.Contains("passphrase is wrong", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(File_));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("salt")]
    [InlineData("iterations")]
    public async Task A_changed_byte_anywhere_is_detected(string field)
    {
        await Open().SetAsync("a", Planted);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(File_))!.AsObject();
        if (field == "iterations")
        {
            root[field] = root[field]!.GetValue<int>() + 1;
        }
        else
        {
            var bytes = Convert.FromBase64String(root[field]!.GetValue<string>());
            bytes[0] ^= 1;
            root[field] = Convert.ToBase64String(bytes);
        }

        await File.WriteAllTextAsync(File_, root.ToJsonString());
        var e = await Assert.ThrowsAsync<VaultException>(() => Open().GetAsync("a"));
        Assert.Contains("was changed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_a_vault_is_named_as_such()
    {
        await File.WriteAllTextAsync(File_, "{\"hello\":1}");
        var e = await Assert.ThrowsAsync<VaultException>(() => Open().ListAsync());
        Assert.Contains("is not a Lyra vault", e.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(File_, "not json");
        e = await Assert.ThrowsAsync<VaultException>(() => Open().ListAsync());
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_key_file_asks_for_the_raw_key()
    {
        var key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
        await new LocalFileVault(File_, VaultKey.FromBase64(key)).SetAsync("a", "v");
        Assert.Equal("v", await new LocalFileVault(File_, VaultKey.FromBase64(key)).GetAsync("a"));
        var e = await Assert.ThrowsAsync<VaultException>(() => Open().GetAsync("a"));
        Assert.Contains(VaultKey.KeyVariable, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bm90IDMyIGJ5dGVz", "exactly 32")]
    [InlineData("%%%", "not base64")]
    public void A_bad_raw_key_names_the_variable_not_the_value(string value, string expected)
    {
        var e = Assert.Throws<VaultException>(() => VaultKey.FromBase64(value));
        Assert.Contains(VaultKey.KeyVariable, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_is_masked_and_counts_versions()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var vault = Open(clock: clock);
        await vault.SetAsync("gateio-secret", "first-value-0000000001");
        clock.Advance(TimeSpan.FromHours(1));
        await vault.SetAsync("gateio-secret", Planted);
        await vault.SetAsync("pin", "1234");

        var list = await vault.ListAsync();
        Assert.Equal(["gateio-secret", "pin"], list.Select(s => s.Name));
        Assert.Equal("****" + Planted[^4..], list[0].Masked);
        Assert.Equal(2, list[0].Version);
        Assert.Equal(clock.GetUtcNow(), list[0].UpdatedAt);
        Assert.Equal("****", list[1].Masked);
        Assert.DoesNotContain(list, s => s.Masked.Contains(Planted, StringComparison.Ordinal) || s.Masked.Contains("1234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_last_versions_are_kept()
    {
        var vault = Open();
        for (var i = 0; i < LocalFileVault.VersionsKept + 3; i++) await vault.SetAsync("a", "v" + i);
        var info = Assert.Single(await vault.ListAsync());
        Assert.Equal(LocalFileVault.VersionsKept, info.Version);
        Assert.Equal("v" + (LocalFileVault.VersionsKept + 2), await vault.GetAsync("a"));
    }

    [Fact]
    public async Task Remove_deletes_every_version()
    {
        var vault = Open();
        await vault.SetAsync("a", "1");
        await vault.SetAsync("b", "2");
        Assert.True(await vault.RemoveAsync("a"));
        Assert.False(await vault.RemoveAsync("a"));
        Assert.Null(await Open().GetAsync("a"));
        Assert.Equal("2", await Open().GetAsync("b"));
        Assert.False(await new LocalFileVault(Path.Combine(_dir, "none.json"), VaultKey.FromPassphrase("p")).RemoveAsync("a"));
        Assert.False(File.Exists(Path.Combine(_dir, "none.json")));
    }

    [Fact]
    public async Task Rotate_re_encrypts_under_the_new_passphrase_only()
    {
        await Open().SetAsync("a", Planted);
        var salt = JsonNode.Parse(await File.ReadAllTextAsync(File_))!["salt"]!.GetValue<string>();

        await Open().RotateAsync(VaultKey.FromPassphrase("new passphrase"));

        Assert.NotEqual(salt, JsonNode.Parse(await File.ReadAllTextAsync(File_))!["salt"]!.GetValue<string>());
        Assert.Equal(Planted, await Open("new passphrase").GetAsync("a"));
        await Assert.ThrowsAsync<VaultException>(() => Open().GetAsync("a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    public async Task Bad_names_are_refused_naming_the_field(string name)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Open().SetAsync(name, "v"));
        Assert.Equal("name", e.Field);
        Assert.False(File.Exists(File_));
    }

    [Fact]
    public async Task An_empty_value_is_refused()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Open().SetAsync("a", ""));
        Assert.Equal("value", e.Field);
    }

    [Fact]
    public async Task Secrets_become_settings_and_each_read_is_noted_for_the_audit()
    {
        var vault = Open();
        await vault.SetAsync("Lyra:Exchanges:gateio:ApiSecret", Planted);
        await vault.SetAsync("Lyra--Ai--OpenRouter--ApiKey", "k");
        var reads = new Lyra.Security.Audit.SecretReads();
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lyra:Exchanges:gateio:ApiSecret"] = "plain", ["Lyra:Exchanges:gateio:Enabled"] = "true" })
            .AddLyraVault(vault, reads)
            .Build();
        Assert.Equal(Planted, config["Lyra:Exchanges:gateio:ApiSecret"]);
        Assert.Equal("k", config["Lyra:Ai:OpenRouter:ApiKey"]);
        Assert.Equal("true", config["Lyra:Exchanges:gateio:Enabled"]);
        var noted = reads.Take(10);
        Assert.Equal(["Lyra--Ai--OpenRouter--ApiKey", "Lyra--Exchanges--gateio--ApiSecret"], noted.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(noted, r => Assert.Equal("local vault " + vault.Path, r.Source));
        Assert.DoesNotContain(noted, r => r.ToString().Contains(Planted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writers_in_parallel_lose_nothing()
    {
        await Open().SetAsync("seed", "x");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Open().SetAsync("s" + i, "v" + i))));
        var names = (await Open().ListAsync()).Select(s => s.Name).ToHashSet();
        for (var i = 0; i < 8; i++) Assert.Contains("s" + i, names);
    }

    [Fact]
    public async Task The_production_key_derivation_round_trips()
    {
        var vault = new LocalFileVault(File_, VaultKey.FromPassphrase("p"));
        await vault.SetAsync("a", "v");
        Assert.Equal(VaultKey.DefaultIterations, JsonNode.Parse(await File.ReadAllTextAsync(File_))!["iterations"]!.GetValue<int>());
        Assert.Equal("v", await new LocalFileVault(File_, VaultKey.FromPassphrase("p")).GetAsync("a"));
    }
}
