using System.CommandLine;
using System.Globalization;
using System.Text;
using Lyra.Core.Errors;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Cli.Hosting;
using Lyra.Storage.Backup;
using Lyra.Storage.Journals;
using Lyra.Storage.Tables;
using Lyra.Workflows.Orchestration;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra data</c>: data tools. <c>synth</c> writes a realistic synthetic series.</summary>
public static class DataCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bars = new Option<int>("--bars") { Description = "Number of candles.", DefaultValueFactory = _ => 1440 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same series).", DefaultValueFactory = _ => 1 };
        var timeframe = new Option<string>("--timeframe") { Description = "Candle interval (1m, 5m, 1h, 1d, ...).", DefaultValueFactory = _ => "1m" };
        var start = new Option<string>("--start") { Description = "First candle time (UTC, yyyy-MM-dd).", DefaultValueFactory = _ => "2024-01-01" };
        var outFile = new Option<string>("--out") { Description = "File to write (.csv OHLCV with header, or .json freqtrade).", Required = true };
        var synth = new Command("synth", "Write a synthetic series: regime-switching random walk with volatility clustering.") { bars, seed, timeframe, start, outFile };
        synth.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            var n = p.GetValue(bars);
            if (n is < 1 or > 50_000_000) throw new ValidationException("--bars", $"--bars must be 1..50000000, got {n}");
            var tf = Timeframe.Parse(p.GetValue(timeframe)!, "--timeframe");
            if (!DateTimeOffset.TryParseExact(p.GetValue(start), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t0))
            {
                throw new ValidationException("--start", $"'{p.GetValue(start)}' is not yyyy-MM-dd");
            }

            var candles = SyntheticSeries.Generate(n, p.GetValue(seed), tf, t0);
            var path = p.GetValue(outFile)!;
            var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            await using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            var c = CultureInfo.InvariantCulture;
            if (json)
            {
                await w.WriteAsync('[');
                for (var i = 0; i < candles.Count; i++)
                {
                    var k = candles[i];
                    await w.WriteAsync(string.Create(c, $"{(i == 0 ? "" : ",")}[{k.OpenTime.ToUnixTimeMilliseconds()},{k.Open},{k.High},{k.Low},{k.Close},{k.Volume}]"));
                }

                await w.WriteAsync(']');
            }
            else
            {
                await w.WriteLineAsync("Date,Open,High,Low,Close,Volume");
                foreach (var k in candles) await w.WriteLineAsync(string.Create(c, $"{k.OpenTime:yyyy-MM-dd HH:mm:ss},{k.Open},{k.High},{k.Low},{k.Close},{k.Volume}"));
            }

            output.WriteLine($"wrote {n} {tf} candles to {path}");
            return 0;
        }));
        return new Command("data", "Data tools: synthetic series, backup and restore of Lyra's state.") { synth, Backup(output, error), Restore(output, error) };
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"The data directory of lyra run (default: {DataDirectory.Default}); ignored when Lyra__Storage__ConnectionString names a storage account.",
    };

    private static Command Backup(TextWriter output, TextWriter error)
    {
        var outDir = new Option<string>("--out") { Description = "New (or empty) folder for the backup: manifest.json and one .jsonl file per table.", Required = true };
        var dataDir = DataDirOption();
        var command = new Command("backup", "Write every Lyra table (candles, signals, decisions and their chain, orders, portfolio, costs, settings) to a folder. Stop lyra run first for an exact copy.")
        {
            outDir, dataDir,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            await using var storage = await LocalStorage.OpenAsync(p.GetValue(dataDir) ?? DataDirectory.Default, ct);
            var manifest = await new TableBackup(Tables(storage), TimeProvider.System).BackupAsync(p.GetValue(outDir)!, ct);
            output.WriteLine($"lyra: backed up {manifest.Tables.Sum(t => t.Rows)} rows of {manifest.Tables.Count} tables to {Path.GetFullPath(p.GetValue(outDir)!)}");
            foreach (var t in manifest.Tables.Where(t => t.Rows > 0)) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Name,-18} {t.Rows,8} rows"));
            return 0;
        }));
        return command;
    }

    private static Command Restore(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "A folder written by lyra data backup." };
        var dataDir = DataDirOption();
        var command = new Command("restore", "Load a backup into an empty data directory (or storage account), then verify the decision journal's hash chain. Corrupt or partial backups are refused before anything is written.")
        {
            folder, dataDir,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            await using var storage = await LocalStorage.OpenAsync(p.GetValue(dataDir) ?? DataDirectory.Default, ct);
            var tables = Tables(storage);
            RestoreResult result;
            try
            {
                result = await new TableBackup(tables, TimeProvider.System).RestoreAsync(p.GetValue(folder)!, ct);
            }
            catch (InvalidOperationException e)
            {
                throw new ValidationException("--data-dir", e.Message);
            }

            var chain = await new JournalTableStore<DecisionJournal>(tables).VerifyAsync(ct);
            output.WriteLine($"lyra: restored {result.Tables.Values.Sum()} rows of {result.Tables.Count} tables into {storage.Description}");
            if (chain.Intact)
            {
                output.WriteLine($"lyra: decision journal chain intact ({chain.Entries} entries)");
                return 0;
            }

            error.WriteLine($"lyra: the restored decision journal chain is BROKEN at entry {chain.FirstBroken}: {chain.Reason}");
            return ExitCodes.ChainBroken;
        }));
        return command;
    }

    private static TableProvider Tables(LocalStorage storage) =>
        TableProvider.Connect(storage.ConnectionString, Environment.GetEnvironmentVariable("Lyra__Storage__TablePrefix") is { Length: > 0 } p ? p : "lyra");
}
