using System.Diagnostics;
using Lyra.Cli.Terminal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

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
        var output = await OnTerminalAsync(TimeSpan.FromMinutes(2), "optimize", "--data", data, "--range", "fast=5:20:5", "--range", "slow=30,60");

        Assert.Contains("╭", output, StringComparison.Ordinal); // the leaderboard as a table
        Assert.Contains("│ # │ fast │ slow │", output, StringComparison.Ordinal);
        Assert.Contains("━", output, StringComparison.Ordinal); // the progress bar
        Assert.Contains("8 combinations backtested", output, StringComparison.Ordinal);
    }

    [TerminalFact]
    public async Task A_replay_on_a_terminal_draws_a_progress_bar_instead_of_progress_lines()
    {
        var output = await OnTerminalAsync(TimeSpan.FromMinutes(3), "run", "--replay", "--bars", "90", "--speed", "0", "--port", "0");

        Assert.Contains("━", output, StringComparison.Ordinal);
        Assert.Matches(@"candles 90/90 · flows \d+", output);
        Assert.DoesNotMatch(@"replay\s+100%\s+\d{4}-", output); // the plain line a pipe gets
        Assert.Contains("== Lyra replay summary ==", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_lines_written_while_a_bar_runs_come_out_whole_through_its_console()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 160; // a StringWriter has no width; Spectre would wrap at 80
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 9, 30, 5, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        using var logs = new LineLoggerProvider(line => console.WriteLine(line), time);
        var logger = logs.CreateLogger("Lyra.Replay");

        var result = await TerminalProgress.RunAsync("replay", TextWriter.Null, async p =>
        {
            p.Report(new ProgressUpdate(0.5, "candles 45/90"));
            await Task.Delay(250); // the bar is drawn (it refreshes every 100 ms)
            logger.LogWarning(new EventId(8101), "Trade events are not reaching topic {Topic}", "trade-events");
            await Task.Delay(250);
            p.Report(new ProgressUpdate(1, "candles 90/90"));
            return 7;
        }, console);

        Assert.Equal(7, result);
        var output = text.ToString();
        Assert.Contains("09:30:05 warn: Lyra.Replay[8101] Trade events are not reaching topic trade-events" + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("━", output, StringComparison.Ordinal);
        Assert.Contains("candles 90/90", output, StringComparison.Ordinal);
        // The bar was on screen before the line and is drawn again after it.
        var line = output.IndexOf("Trade events are not reaching", StringComparison.Ordinal);
        Assert.Contains("candles 45/90", output[..line], StringComparison.Ordinal);
        Assert.Contains("━", output[line..], StringComparison.Ordinal);
    }

    // Runs lyra under util-linux's script (a pseudo-terminal); its whole output.
    private static async Task<string> OnTerminalAsync(TimeSpan timeout, params string[] args)
    {
        var lyra = LyraProcess.StartInfo(null, args);
        var command = string.Join(' ', new[] { lyra.FileName }.Concat(lyra.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = lyra.WorkingDirectory };
        foreach (var a in new[] { "-qec", command, "/dev/null" }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in lyra.Environment) psi.Environment[k] = v;
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";
        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        var output = await p.StandardOutput.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        Assert.True(p.ExitCode == 0, output);
        return output;
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
