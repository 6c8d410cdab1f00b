using System.Diagnostics;
using Lyra.Testing;

namespace Lyra.Cli.Tests;

/// <summary>Runs the built <c>lyra</c> as a separate process, as a user would.</summary>
internal static class LyraProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    private static string LyraDll()
    {
        // Same configuration as this test assembly (bin/Debug or bin/Release).
        var config = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var dll = Path.Combine(RepoPaths.Root, "functions", "Lyra.Cli", "bin", config, "net10.0", "lyra.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("lyra.dll is not built", dll);
    }

    /// <summary>How to start lyra with <paramref name="args"/>: its own Azurite, only the given settings.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(LyraDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The child must start its own Azurite and use its own settings.
        psi.Environment.Remove("Lyra__Storage__ConnectionString");
        psi.Environment.Remove("AzureWebJobsStorage");
        // Nor may it read the user's vault: a vault file that does not exist, and no key.
        psi.Environment["LYRA_VAULT_FILE"] = Path.Combine(Path.GetTempPath(), "lyra-tests-no-vault", "vault.json");
        psi.Environment.Remove("LYRA_VAULT_PASSPHRASE");
        psi.Environment.Remove("LYRA_VAULT_KEY");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return psi;
    }

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string>? env, TimeSpan timeout, params string[] args) =>
        RunAsync(env, null, timeout, args);

    /// <summary>Runs lyra with <paramref name="stdin"/> as its standard input (closed at once when null).</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string>? env, string? stdin, TimeSpan timeout, params string[] args)
    {
        var psi = StartInfo(env, args);
        // Only here: with stdin redirected too, a host started by LyraHostProcess did not stop on SIGINT within 15 s.
        psi.RedirectStandardInput = true;
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"lyra {string.Join(' ', args)} did not finish within {timeout}; output so far: {await stdout}");
        }

        return new Result(p.ExitCode, await stdout, await stderr);
    }
}
