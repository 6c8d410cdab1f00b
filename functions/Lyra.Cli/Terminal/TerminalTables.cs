using System.Globalization;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Optimization;
using Lyra.Strategies.Reports;
using Spectre.Console;

namespace Lyra.Cli.Terminal;

/// <summary>
/// The research commands' tables: drawn with Spectre.Console when standard output is a terminal, the plain aligned text
/// of <see cref="BacktestReport"/> and <see cref="OptimizationReport"/> otherwise (pipes, files and scripts read that).
/// </summary>
internal static class TerminalTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>True when standard output is an interactive terminal.</summary>
    public static bool Interactive => !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <summary>A backtest's statistics.</summary>
    public static void Statistics(TextWriter output, BacktestStatistics stats, string title)
    {
        if (!Interactive)
        {
            output.Write(BacktestReport.Table(stats, title));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in BacktestReport.Rows(stats)) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Ansi(output).Write(table);
    }

    /// <summary>An optimization's leaderboard (the best rows) and its summary lines.</summary>
    public static void Leaderboard(TextWriter output, OptimizationResult result, string objective, int top = 10)
    {
        var text = OptimizationReport.Leaderboard(result, objective, top);
        if (!Interactive || result.Rows.Count == 0)
        {
            output.Write(text);
            return;
        }

        var names = result.Rows[0].Parameters.Keys.ToList();
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("#").RightAligned());
        foreach (var n in names) table.AddColumn(new TableColumn(Markup.Escape(n)).RightAligned());
        foreach (var h in new[] { objective, "return %", "max dd %", "trades", "sharpe", "ok" }) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        var rank = 0;
        foreach (var row in result.Rows.Take(top))
        {
            var cells = new List<string> { (++rank).ToString(C) };
            cells.AddRange(names.Select(n => row.Parameters[n].ToString("G6", C)));
            cells.AddRange([row.Objective.ToString("F4", C), row.Statistics.ReturnPct.ToString("F2", C), row.Statistics.MaxDrawdownPct.ToString("F2", C),
                row.Statistics.Trades.ToString(C), row.Statistics.Sharpe.ToString("F2", C), row.MeetsConstraints ? "[green]yes[/]" : "[red]no[/]"]);
            table.AddRow([.. cells]);
        }

        var console = Ansi(output);
        console.Write(table);
        // The summary lines (combinations, speed, overfitting) as the text report words them.
        foreach (var line in text.Split('\n').Skip(Math.Min(top, result.Rows.Count) + 1).Where(l => l.Length > 0)) console.WriteLine(line);
    }

    private static IAnsiConsole Ansi(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
}
