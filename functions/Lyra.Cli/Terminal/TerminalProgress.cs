using System.Globalization;
using Spectre.Console;

namespace Lyra.Cli.Terminal;

/// <summary>
/// Progress of long work (download, optimize, big backtests, replays): a Spectre.Console bar with percentage, elapsed and
/// remaining time on standard error when it is a terminal; plain lines at each quarter when it is not (CI logs, pipes),
/// so standard output stays the command's result either way.
/// </summary>
internal static class TerminalProgress
{
    /// <summary>True when standard error is an interactive terminal.</summary>
    public static bool Interactive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <summary>A Spectre console on standard error, for a bar and the lines printed above it while it runs.</summary>
    public static IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool with a progress display; its reports are fractions 0..1 and a
    /// detail line. Lines written through <paramref name="console"/> while it runs appear above the bar; a console given
    /// is drawn on even when standard error is not a terminal (the caller decided).
    /// </summary>
    public static async Task<T> RunAsync<T>(string label, TextWriter error, Func<IProgress<ProgressUpdate>, Task<T>> work, IAnsiConsole? console = null)
    {
        if (console is null && !Interactive)
        {
            var plain = new PlainProgress(label, error);
            var result = await work(plain);
            plain.Finish();
            return result;
        }

        console ??= ErrorConsole();
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                var result = await Task.Run(() => work(new BarProgress(task, label)));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Runs synchronous <paramref name="work"/> that reports fractions 0..1.</summary>
    public static Task<T> RunAsync<T>(string label, TextWriter error, Func<IProgress<double>, T> work) =>
        RunAsync(label, error, p => Task.FromResult(work(new Fractions(p))));

    private sealed class Fractions(IProgress<ProgressUpdate> inner) : IProgress<double>
    {
        public void Report(double value) => inner.Report(new ProgressUpdate(value, null));
    }

    private sealed class BarProgress(ProgressTask task, string label) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            task.Value = Math.Clamp(value.Fraction, 0, 1);
            if (value.Detail is { } d) task.Description = $"{label} [grey]{Markup.Escape(d)}[/]";
        }
    }

    private sealed class PlainProgress(string label, TextWriter error) : IProgress<ProgressUpdate>
    {
        private int _quarter;
        private string? _detail;

        public void Report(ProgressUpdate value)
        {
            _detail = value.Detail ?? _detail;
            var q = (int)(Math.Clamp(value.Fraction, 0, 1) * 4);
            if (q <= Volatile.Read(ref _quarter) || q >= 4) return;
            Volatile.Write(ref _quarter, q);
            lock (error) error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {q * 25}%{(_detail is null ? "" : " · " + _detail)}"));
        }

        public void Finish()
        {
            lock (error) error.WriteLine($"{label}: 100%{(_detail is null ? "" : " · " + _detail)}");
        }
    }
}

/// <summary>A progress report: the fraction done (0..1) and an optional detail (counts, the time reached).</summary>
internal readonly record struct ProgressUpdate(double Fraction, string? Detail);
