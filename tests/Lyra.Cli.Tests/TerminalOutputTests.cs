using System.Diagnostics;

namespace Lyra.Cli.Tests;

/// <summary>On a terminal (a pseudo-terminal from util-linux's <c>script</c>) lyra draws Spectre.Console tables and progress bars.</summary>
public sealed class TerminalOutputTests : IDisposable
{
    private readonly TestFolder _folder = new("lyra-tty-");

    public void Dispose() => _folder.Dispose();

    [TerminalFact]
    public async Task Optimize_on_a_terminal_draws_its_progress_bar_and_a_table()
    {
        var data = _folder["s.csv"];
        Assert.Equal(0, (await LyraProcess.RunAsync(null, TimeSpan.FromMinutes(1), "data", "synth", "--bars", "3000", "--out", data)).ExitCode);
        var lyra = LyraProcess.StartInfo(null, "optimize", "--data", data, "--range", "fast=5:20:5", "--range", "slow=30,60");
        var command = string.Join(' ', new[] { lyra.FileName }.Concat(lyra.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = lyra.WorkingDirectory };
        foreach (var a in new[] { "-qec", command, "/dev/null" }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in lyra.Environment) psi.Environment[k] = v;
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, output);
        Assert.Contains("╭", output, StringComparison.Ordinal); // the leaderboard as a table
        Assert.Contains("│ # │ fast │ slow │", output, StringComparison.Ordinal);
        Assert.Contains("━", output, StringComparison.Ordinal); // the progress bar
        Assert.Contains("8 combinations backtested", output, StringComparison.Ordinal);
    }
}

/// <summary>A fact that needs util-linux's <c>script</c> to give lyra a terminal.</summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public TerminalFactAttribute()
    {
        if (!File.Exists("/usr/bin/script")) Skip = "'script' not installed (Debian: bsdutils; util-linux elsewhere): no pseudo-terminal to test on";
    }
}
