namespace Lyra.Cli.Tests;

/// <summary><c>lyra vault</c> and the vault as <c>lyra run</c>'s settings, as a user runs them.</summary>
public sealed class VaultCommandTests : IDisposable
{
    private const string Planted = "PLANTED-cli-5e1b7d9f3a2c4e6a";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-vault-cli-").FullName;

    private string VaultFile => Path.Combine(_dir, "vault.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Env(string passphrase = "test passphrase") => new()
    {
        ["LYRA_VAULT_FILE"] = VaultFile,
        ["LYRA_VAULT_PASSPHRASE"] = passphrase,
    };

    private static void AssertNoSecret(LyraProcess.Result r)
    {
        Assert.DoesNotContain(Planted, r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_reads_standard_input_and_list_masks_every_value()
    {
        var set = await LyraProcess.RunAsync(Env(), Planted + "\n", Timeout, "vault", "set", "Lyra:Exchanges:gateio:ApiSecret");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("set Lyra--Exchanges--gateio--ApiSecret (version 1)", set.Output, StringComparison.Ordinal);
        AssertNoSecret(set);
        Assert.DoesNotContain(Planted, await File.ReadAllTextAsync(VaultFile), StringComparison.Ordinal);

        var again = await LyraProcess.RunAsync(Env(), Planted + "-2", Timeout, "vault", "set", "Lyra--Exchanges--gateio--ApiSecret");
        Assert.Contains("(version 2)", again.Output, StringComparison.Ordinal);

        var list = await LyraProcess.RunAsync(Env(), null, Timeout, "vault", "list");
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Matches(@"Lyra--Exchanges--gateio--ApiSecret\s+\*\*\*\*6a-2\s+2\s+\d{4}-\d\d-\d\d", list.Output);
        Assert.Contains("1 secret(s)", list.Output, StringComparison.Ordinal);
        AssertNoSecret(list);
    }

    [Fact]
    public async Task Without_a_key_or_a_terminal_it_says_which_variable_to_set()
    {
        var env = Env();
        env.Remove("LYRA_VAULT_PASSPHRASE");
        var r = await LyraProcess.RunAsync(env, Planted, Timeout, "vault", "set", "a");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("LYRA_VAULT_PASSPHRASE", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(VaultFile));
        AssertNoSecret(r);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_and_the_file_is_unchanged()
    {
        await LyraProcess.RunAsync(Env(), Planted, Timeout, "vault", "set", "a");
        var before = await File.ReadAllBytesAsync(VaultFile);
        var r = await LyraProcess.RunAsync(Env("wrong"), "x", Timeout, "vault", "set", "b");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("passphrase is wrong", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(VaultFile));
    }

    [Fact]
    public async Task Bad_names_and_empty_values_name_the_argument()
    {
        var r = await LyraProcess.RunAsync(Env(), "x", Timeout, "vault", "set", "no_underscores");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("lyra: NAME: 'no_underscores' is not a secret name", r.Error, StringComparison.Ordinal);

        r = await LyraProcess.RunAsync(Env(), "", Timeout, "vault", "set", "a");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("lyra: VALUE: standard input is empty", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(VaultFile));
    }

    [Fact]
    public async Task Rm_removes_and_says_when_there_is_nothing()
    {
        await LyraProcess.RunAsync(Env(), "v", Timeout, "vault", "set", "a");
        var r = await LyraProcess.RunAsync(Env(), null, Timeout, "vault", "rm", "a");
        Assert.True(r.ExitCode == 0, r.Error);
        r = await LyraProcess.RunAsync(Env(), null, Timeout, "vault", "rm", "a");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("there is no secret 'a'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_moves_the_vault_to_the_new_passphrase()
    {
        await LyraProcess.RunAsync(Env(), Planted, Timeout, "vault", "set", "a");
        var env = Env();
        env["LYRA_VAULT_NEW_PASSPHRASE"] = "next passphrase";
        var r = await LyraProcess.RunAsync(env, null, Timeout, "vault", "rotate");
        Assert.True(r.ExitCode == 0, r.Error);

        Assert.Equal(2, (await LyraProcess.RunAsync(Env(), null, Timeout, "vault", "list")).ExitCode);
        var list = await LyraProcess.RunAsync(Env("next passphrase"), null, Timeout, "vault", "list");
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("1 secret(s)", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lyra_run_reads_the_vault_as_settings_and_refuses_a_wrong_key()
    {
        // A vault value overrides the plain setting: an unknown exchange must be the configuration error.
        await LyraProcess.RunAsync(Env(), "nowhere", Timeout, "vault", "set", "Lyra:Trading:Exchange");
        var r = await LyraProcess.RunAsync(Env(), null, Timeout, "run", "--replay", "--bars", "30", "--speed", "0", "--port", "0", "--in-memory");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("read 1 secret(s) from the vault", r.Output, StringComparison.Ordinal);
        Assert.Contains("Lyra:Trading:Exchange", r.Error, StringComparison.Ordinal);

        r = await LyraProcess.RunAsync(Env("wrong"), null, Timeout, "run", "--replay", "--bars", "30", "--speed", "0", "--port", "0", "--in-memory");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("passphrase is wrong", r.Error, StringComparison.Ordinal);

        r = await LyraProcess.RunAsync(Env(), null, Timeout, "run", "--replay", "--bars", "30", "--speed", "0", "--port", "0", "--in-memory", "--vault", Path.Combine(_dir, "none.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("there is no vault at", r.Error, StringComparison.Ordinal);
    }
}
