using System.CommandLine;
using Lyra.Core.Errors;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Optimization;
using Lyra.Strategies.Reports;
using Lyra.Strategies.Strategies;

using Lyra.Cli.Terminal;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra optimize</c>: grid or random search, leaderboard, overfitting diagnostic and optional walk-forward analysis.</summary>
public static class OptimizeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IStrategyFactory strategies, TextWriter output, TextWriter error)
    {
        var repair = CliInput.RepairOption();
        var data = new Option<string>("--data") { Description = "Data file.", Required = true };
        var strategy = new Option<string>("--strategy") { Description = $"Strategy: {string.Join(", ", strategies.Schemas.Keys)}.", DefaultValueFactory = _ => "sma-cross" };
        var range = new Option<string[]>("--range") { Description = "Parameter values: name=min:max:step or name=a,b,c (repeatable)." };
        var method = new Option<SearchMethod>("--method") { Description = "Grid or Random.", DefaultValueFactory = _ => SearchMethod.Grid };
        var samples = new Option<int>("--samples") { Description = "Combinations tried by random search.", DefaultValueFactory = _ => 100 };
        var objective = new Option<string>("--objective") { Description = $"Metric to maximize: {string.Join(", ", MetricCatalog.Metrics.Keys)}.", DefaultValueFactory = _ => "sharpe" };
        var minimize = new Option<bool>("--minimize") { Description = "Minimize the objective instead." };
        var constraint = new Option<string[]>("--constraint") { Description = "Constraint such as trades>=20 or max_drawdown>-25 (repeatable)." };
        var cores = new Option<int>("--cores") { Description = "Parallel backtests.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var walk = new Option<int>("--walk-forward") { Description = "Walk-forward windows (0 = off)." };
        var isFraction = new Option<double>("--in-sample") { Description = "In-sample share of each walk-forward window.", DefaultValueFactory = _ => 0.75 };
        var cash = new Option<double>("--cash") { DefaultValueFactory = _ => 10_000, Description = "Starting cash." };
        var commission = new Option<double>("--commission") { Description = "Commission per fill as a fraction." };
        var margin = new Option<bool>("--margin") { Description = "Allow shorts." };
        var outDir = new Option<string?>("--out") { Description = "Folder for report.html and leaderboard.csv." };
        var command = new Command("optimize", "Search strategy parameters, with overfitting diagnostics and walk-forward analysis.")
        {
            data, repair, strategy, range, method, samples, objective, minimize, constraint, cores, walk, isFraction, cash, commission, margin, outDir,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            var series = await CliInput.LoadSeriesAsync(p.GetValue(data), ct, p.GetValue(repair), error);
            var name = p.GetValue(strategy)!;
            var space = ParameterSpace.Parse(strategies, name, p.GetValue(range) ?? []);
            var options = new OptimizerOptions
            {
                Objective = p.GetValue(objective)!, Maximize = !p.GetValue(minimize), Method = p.GetValue(method), Samples = p.GetValue(samples),
                MaxDegreeOfParallelism = p.GetValue(cores), Constraints = (p.GetValue(constraint) ?? []).Select(c => Constraint.Parse(c, "--constraint")).ToList(),
            };
            var backtest = new BacktestOptions { Cash = p.GetValue(cash), Commission = p.GetValue(commission), AllowShort = p.GetValue(margin) };
            var result = await TerminalProgress.RunAsync("optimize", error, progress => Optimizer.Run(strategies, series, name, space, backtest, options, progress, ct));
            if (result.Rows.Count == 0) throw new ValidationException("--range", "no valid parameter combination in the ranges");
            TerminalTables.Leaderboard(output, result, options.Objective);
            WalkForwardResult? wf = null;
            if (p.GetValue(walk) > 0)
            {
                wf = await TerminalProgress.RunAsync("walk-forward", error, progress => Optimizer.WalkForward(strategies, series, name, space, backtest, options, p.GetValue(walk), p.GetValue(isFraction), progress, ct));
                output.Write(OptimizationReport.WalkForward(wf));
            }

            if (p.GetValue(outDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), OptimizationReport.Html(result, options.Objective, $"{name} optimization on {Path.GetFileName(p.GetValue(data))}", wf), ct);
                var names = result.Rows[0].Parameters.Keys.ToList();
                var csv = string.Join(',', names) + $",{options.Objective},return_pct,max_drawdown_pct,trades,meets_constraints\n" + string.Concat(result.Rows.Select(r =>
                    string.Join(',', names.Select(n => r.Parameters[n].ToString(System.Globalization.CultureInfo.InvariantCulture))) +
                    FormattableString.Invariant($",{r.Objective},{r.Statistics.ReturnPct},{r.Statistics.MaxDrawdownPct},{r.Statistics.Trades},{r.MeetsConstraints}\n")));
                await File.WriteAllTextAsync(Path.Combine(dir, "leaderboard.csv"), csv, ct);
                output.WriteLine($"wrote report.html and leaderboard.csv to {dir}");
            }

            await CliInput.CacheWrittenAsync();
            return 0;
        }));
        return command;
    }
}
