using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Strategies.Backtesting;
using Lyra.Strategies.Reports;
using Lyra.Strategies.Strategies;

using Lyra.Cli.Terminal;
using Lyra.Workflows.Signals;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra backtest</c>: one strategy over one data file, with a statistics table and an optional report folder.</summary>
public static class BacktestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IStrategyFactory strategies, TextWriter output, TextWriter error)
    {
        var repair = CliInput.RepairOption();
        var data = new Option<string[]>("--data") { Description = "OHLCV CSV, Binance kline CSV or freqtrade JSON; repeat for a portfolio (cash split equally).", Required = true };
        var data2 = new Option<string?>("--data2") { Description = "Second venue's data file (arbitrage)." };
        var strategy = new Option<string>("--strategy") { Description = $"Strategy: {string.Join(", ", strategies.Schemas.Keys)}.", DefaultValueFactory = _ => "sma-cross" };
        var param = new Option<string[]>("--param") { Description = "Strategy parameter name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var cash = new Option<double>("--cash") { Description = "Starting cash.", DefaultValueFactory = _ => 10_000 };
        var commission = new Option<double>("--commission") { Description = "Commission per fill as a fraction (0.002 = 0.2 %).", DefaultValueFactory = _ => 0.0 };
        var spread = new Option<double>("--spread") { Description = "Bid-ask spread as a fraction; half is paid per market fill." };
        var slippage = new Option<double>("--slippage") { Description = "Slippage per market fill as a fraction." };
        var spot = new Option<bool>("--spot") { Description = "Spot account: sell signals only close longs (default)." };
        var margin = new Option<bool>("--margin") { Description = "Margin account: sell signals open shorts." };
        var size = new Option<double>("--size") { Description = "Fraction of equity per position.", DefaultValueFactory = _ => 1.0 };
        var sizing = new Option<string>("--sizing")
        {
            Description = "Sizing convention: equity (fractional units from equity at the fill) or backtesting.py (whole units, its formula; see docs/backtesting.md).",
            DefaultValueFactory = _ => "equity",
        };
        var stopLoss = new Option<double?>("--stop-loss") { Description = "Stop-loss distance as a fraction of the entry." };
        var takeProfit = new Option<double?>("--take-profit") { Description = "Take-profit distance as a fraction of the entry." };
        var trailing = new Option<double?>("--trailing-stop") { Description = "Trailing stop distance from the best close." };
        var entry = new Option<EntryOrderType>("--entry") { Description = "Entry order: Market (next open), Limit or Stop (offset --entry-offset).", DefaultValueFactory = _ => EntryOrderType.Market };
        var offset = new Option<double>("--entry-offset") { Description = "Limit/stop entry offset from the signal close.", DefaultValueFactory = _ => 0.01 };
        var keepOpen = new Option<bool>("--keep-open") { Description = "Do not close the last position at the final bar." };
        var outDir = new Option<string?>("--out") { Description = "Folder for report.html, trades.csv and stats.json." };
        var replayVotes = new Option<string?>("--replay-votes")
        {
            Description = "With --strategy ai-signals: replay the votes recorded in decision journals instead of asking the panel (point in time). "
                + "A backup folder (lyra data backup), a lyra data directory, or 'storage' (the configured storage account, else the default data directory).",
        };
        var market = new Option<string?>("--market") { Description = "With --replay-votes: whose journals (e.g. replay:BTCUSDT:1m); needed only when several markets voted in the period." };
        var command = new Command("backtest", "Backtest a strategy on a data file.")
        {
            data, data2, repair, strategy, param, cash, commission, spread, slippage, spot, margin, size, sizing, stopLoss, takeProfit, trailing, entry, offset, keepOpen, outDir,
            replayVotes, market,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            if (p.GetValue(spot) && p.GetValue(margin)) throw new ValidationException("--margin", "choose --spot or --margin, not both");
            var files = p.GetValue(data) ?? [];
            var series = await CliInput.LoadSeriesAsync(files.FirstOrDefault(), ct, p.GetValue(repair), error, output);
            var parameters = CliInput.Parameters(p.GetValue(param));
            var name = p.GetValue(strategy)!;
            var options = new BacktestOptions
            {
                Cash = p.GetValue(cash), Commission = p.GetValue(commission), Spread = p.GetValue(spread), Slippage = p.GetValue(slippage),
                AllowShort = p.GetValue(margin), SizeFraction = p.GetValue(size), Sizing = Sizing(p.GetValue(sizing)!), StopLoss = p.GetValue(stopLoss), TakeProfit = p.GetValue(takeProfit),
                TrailingStop = p.GetValue(trailing), EntryOrder = p.GetValue(entry), EntryOffsetPercent = p.GetValue(offset), CloseAtEnd = !p.GetValue(keepOpen),
            };
            RecordedVotes.Found? recorded = null;
            if (p.GetValue(replayVotes) is { } votesFrom)
            {
                if (name != AiSignalStrategy.StrategyName) throw new ValidationException("--replay-votes", $"--replay-votes needs --strategy {AiSignalStrategy.StrategyName}");
                if (files.Length > 1 || p.GetValue(data2) is not null) throw new ValidationException("--replay-votes", "--replay-votes replays one market: give one --data file");
                recorded = await RecordedVotes.LoadAsync(votesFrom, p.GetValue(market), series, ct);
            }

            var sw = Stopwatch.StartNew();
            AiSignalStrategy? replay = null;
            var second = p.GetValue(data2) is { } f2 ? await CliInput.LoadSeriesAsync(f2, ct, p.GetValue(repair), error) : null;
            BacktestResult result;
            if (files.Length > 1)
            {
                var symbols = new List<(string, Lyra.Data.Candles.CandleSeries)> { (Path.GetFileNameWithoutExtension(files[0]), series) };
                foreach (var f in files.Skip(1)) symbols.Add((Path.GetFileNameWithoutExtension(f), await CliInput.LoadSeriesAsync(f, ct, p.GetValue(repair), error)));
                var (portfolio, legs) = PortfolioBacktester.Run(strategies, symbols, name, parameters, options, ct);
                foreach (var leg in legs)
                {
                    var ls = BacktestStatistics.Compute(leg.Result);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {leg.Symbol,-20} return {ls.ReturnPct,8:F2}%  trades {ls.Trades,5}  max dd {ls.MaxDrawdownPct,7:F2}%"));
                }

                result = portfolio;
            }
            else if (recorded is not null)
            {
                replay = AiSignalStrategy.WithRecordedVotes(strategies, parameters, recorded.Votes);
                result = Backtester.Run(series, replay, options, cancellationToken: ct);
            }
            else
            {
                result = series.Count > 2_000_000
                    ? await TerminalProgress.RunAsync("backtest", error, progress => Backtests.Run(strategies, series, second, name, parameters, options, progress, "--strategy", ct))
                    : Backtests.Run(strategies, series, second, name, parameters, options, null, "--strategy", ct);
            }

            var elapsed = sw.Elapsed;
            var stats = BacktestStatistics.Compute(result);
            var label = $"{name} {string.Join(' ', parameters.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"))} on {string.Join(" + ", files.Select(Path.GetFileName))}".Replace("  ", " ", StringComparison.Ordinal);
            TerminalTables.Statistics(output, stats, label);
            if (recorded is not null)
            {
                output.WriteLine($"replayed votes of {recorded.Votes.Count} recorded decisions of {recorded.Market} from {recorded.Source}: {replay!.ReplayedBars} bars decided by them, "
                    + $"{recorded.Votes.Values.Sum(v => v.Count(x => x.Model is not null && !x.Abstained))} model votes; no model was asked");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.Count} bars in {elapsed.TotalMilliseconds:F0} ms ({series.Count / Math.Max(elapsed.TotalSeconds, 1e-9) / 1e6:F1} M bars/s)"));
            if (p.GetValue(outDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                // Three independent files: rendered side by side.
                await Task.WhenAll(
                    Task.Run(() => File.WriteAllTextAsync(Path.Combine(dir, "report.html"), BacktestReport.Html(result, stats, label), ct), ct),
                    Task.Run(() => File.WriteAllTextAsync(Path.Combine(dir, "trades.csv"), BacktestReport.TradesCsv(result), ct), ct),
                    Task.Run(() => File.WriteAllTextAsync(Path.Combine(dir, "stats.json"), BacktestReport.StatsJson(stats, name, parameters, options), ct), ct));
                output.WriteLine($"wrote report.html, trades.csv and stats.json to {dir}");
            }

            await CliInput.CacheWrittenAsync();
            return 0;
        }));
        return command;
    }

    private static SizingMode Sizing(string value) => value.ToLowerInvariant() switch
    {
        "equity" => SizingMode.FractionOfEquity,
        "backtesting.py" or "backtesting-py" or "backtestingpy" => SizingMode.BacktestingPy,
        _ => throw new ValidationException("--sizing", $"'{value}' is not equity or backtesting.py"),
    };
}
