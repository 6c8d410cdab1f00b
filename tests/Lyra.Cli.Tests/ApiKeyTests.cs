using System.Net;
using Lyra.Cli.Hosting;
using Lyra.Security.Access;

namespace Lyra.Cli.Tests;

/// <summary>The local API key as a user meets it: created at the first live start, shown once, kept hashed in the vault.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-apikey-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Env(bool withVaultKey = true)
    {
        var env = new Dictionary<string, string>
        {
            ["LYRA_VAULT_FILE"] = Path.Combine(_dir, "vault.json"),
            ["Lyra__MarketData__Source"] = "replay",
            ["Lyra__Collect__Markets__0"] = "replay:BTCUSDT:1m",
            ["Lyra__Collect__Schedule"] = "0 0 0 1 1 *",
        };
        if (withVaultKey) env["LYRA_VAULT_PASSPHRASE"] = "api key test passphrase";
        return env;
    }

    private string DataDir => Path.Combine(_dir, "data");

    [Fact]
    public async Task The_first_live_start_creates_the_key_shows_it_once_and_later_starts_ask_for_it()
    {
        string key;
        await using (var first = await LyraHostProcess.StartAsync(Env(), "run", "--data-dir", DataDir, "--port", "0"))
        {
            key = first.Key;
            Assert.Single(first.Output, l => l.StartsWith(LocalApiAccess.NewKeyLine, StringComparison.Ordinal));
            Assert.StartsWith("lyra_", key, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(first, "/api/status", null));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/api/status", key));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/api/health", null));
            await first.SignalAsync(15, TimeSpan.FromSeconds(20));
        }

        // Only the hash is kept: the vault file is encrypted anyway, and the key is in no file.
        var list = await LyraProcess.RunAsync(Env(), TimeSpan.FromMinutes(1), "vault", "list");
        Assert.Contains(LocalApiAccess.SecretName, list.Output, StringComparison.Ordinal);
        foreach (var f in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length < 10_000_000))
        {
            Assert.DoesNotContain(key, await ReadSharedAsync(f), StringComparison.Ordinal);
        }

        await using (var second = await LyraHostProcess.StartAsync(Env(), "run", "--data-dir", DataDir, "--port", "0"))
        {
            Assert.DoesNotContain(second.Output, l => l.StartsWith(LocalApiAccess.NewKeyLine, StringComparison.Ordinal));
            Assert.Contains(second.Output, l => l.Contains("the API asks for the key in X-Api-Key", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/api/status", key));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(second, "/api/status", key + "x"));
            await second.SignalAsync(15, TimeSpan.FromSeconds(20));
        }

        await using (var third = await LyraHostProcess.StartAsync(Env(), "run", "--data-dir", DataDir, "--port", "0", "--new-api-key"))
        {
            Assert.NotEqual(key, third.Key);
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(third, "/api/status", key));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(third, "/api/status", third.Key));
            await third.SignalAsync(15, TimeSpan.FromSeconds(20));
        }

        await using var open = await LyraHostProcess.StartAsync(Env(), "run", "--data-dir", DataDir, "--port", "0", "--no-auth");
        Assert.Contains(open.Output, l => l.Contains("--no-auth: the API on 127.0.0.1 asks for no key", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(open, "/api/status", null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(open, "/api/trading/start", null, post: true));
    }

    [Fact]
    public async Task Without_a_vault_key_a_live_start_says_how_to_keep_the_api_key_or_to_run_without_one()
    {
        var r = await LyraProcess.RunAsync(Env(withVaultKey: false), TimeSpan.FromMinutes(1), "run", "--data-dir", DataDir, "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the API key is kept in the vault and there is none yet", r.Error, StringComparison.Ordinal);
        Assert.Contains("LYRA_VAULT_PASSPHRASE", r.Error, StringComparison.Ordinal);
        Assert.Contains("--no-auth", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "vault.json")));
    }

    private static async Task<HttpStatusCode> StatusAsync(LyraHostProcess host, string path, string? key, bool post = false)
    {
        using var http = new HttpClient { BaseAddress = host.Http.BaseAddress };
        if (key is not null) http.DefaultRequestHeaders.Add(ApiKey.Header, key);
        using var r = post ? await http.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")) : await http.GetAsync(path);
        return r.StatusCode;
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(s);
        return await reader.ReadToEndAsync();
    }
}
