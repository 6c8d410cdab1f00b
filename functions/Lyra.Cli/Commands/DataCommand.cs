using System.CommandLine;
using System.Globalization;
using System.Text;
using Lyra.Core.Errors;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Cli.Hosting;
using Lyra.Cli.Terminal;
using Lyra.Data.Downloads;
using Lyra.Exchanges.MarketData;
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
                await w.WriteLineAsync(CandleCsv.Header);
                foreach (var k in candles) await w.WriteLineAsync(CandleCsv.Row(k));
            }

            output.WriteLine($"wrote {n} {tf} candles to {path}");
            return 0;
        }));
        return new Command("data", "Data tools: history from an exchange, synthetic series, backup and restore of Lyra's state.")
        {
            Download(output, error), synth, Backup(output, error), Restore(output, error),
        };
    }

    private static Command Download(TextWriter output, TextWriter error)
    {
        var exchange = new Option<string>("--exchange") { Description = $"Where from: {string.Join(", ", PublicCandleSource.Exchanges)}.", DefaultValueFactory = _ => "binance" };
        var symbol = new Option<string>("--symbol") { Description = "The pair: BTCUSDT or BTC/USDT (the venue's spelling is derived).", Required = true };
        var timeframe = new Option<string>("--timeframe") { Description = "Candle interval (1m, 5m, 1h, 1d, ...).", DefaultValueFactory = _ => "1m" };
        var from = new Option<string>("--from") { Description = "First candle (UTC): yyyy-MM-dd or yyyy-MM-ddTHH:mm.", Required = true };
        var to = new Option<string?>("--to") { Description = "End, exclusive (UTC): yyyy-MM-dd or yyyy-MM-ddTHH:mm (default: now)." };
        var outFile = new Option<string?>("--out") { Description = "CSV to write or resume (default: <exchange>-<SYMBOL>-<timeframe>.csv)." };
        var retries = new Option<int>("--retries") { Description = "Retries of a request after a rate limit, 5xx or network error.", DefaultValueFactory = _ => 3 };
        var command = new Command("download", "Download closed candles from an exchange's public API into a CSV lyra backtest reads. Paged within the venue's limits, checked candle by candle, resumable: run the same command again after an interruption.")
        {
            exchange, symbol, timeframe, from, to, outFile, retries,
        };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            var venue = p.GetValue(exchange)!.ToLowerInvariant();
            var tf = Timeframe.Parse(p.GetValue(timeframe)!, "--timeframe");
            var start = Time(p.GetValue(from)!, "--from");
            var end = p.GetValue(to) is { } t ? Time(t, "--to") : DateTimeOffset.UtcNow;
            if (p.GetValue(retries) is < 0 or > 10) throw new ValidationException("--retries", $"--retries must be 0..10, got {p.GetValue(retries)}");
            var pair = p.GetValue(symbol)!.Trim().ToUpperInvariant();
            if (pair.Length == 0) throw new ValidationException("--symbol", "--symbol is empty");
            // Binance spells pairs without a separator; the venue connectors take BASE/QUOTE.
            if (venue == "binance") pair = pair.Replace("/", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var path = p.GetValue(outFile) ?? $"{venue}-{pair.Replace('/', '_')}-{tf.Code}.csv";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var source = PublicCandleSource.Create(venue, http, BaseUrl(venue), TimeProvider.System);
            var downloader = new CandleDownloader(source, TimeProvider.System) { Retries = p.GetValue(retries) };
            var market = new Market(venue, pair, tf);
            DownloadResult result;
            try
            {
                result = await TerminalProgress.RunAsync<DownloadResult>($"{venue} {pair} {tf}", error, progress => downloader.DownloadAsync(market, start, end, path,
                    new Progress(progress), ct));
            }
            catch (Exception e) when (e is LyraException and not ValidationException or HttpRequestException or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
            {
                error.WriteLine($"lyra: download stopped: {(e is TaskCanceledException ? "the venue did not answer within 30 s" : e.Message)}");
                error.WriteLine($"lyra: {path} keeps every candle written so far; run the same command again to resume after its last candle");
                return ExitCodes.DownloadStopped;
            }

            var q = result.Quality;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lyra: {Path.GetFullPath(path)}: {q.Rows} {tf} candles {Stamp(result.First)} .. {Stamp(result.Last)} ({result.Added} added in {result.Requests} request(s){(result.Resumed > 0 ? $", {result.Resumed} were there" : "")})"));
            output.WriteLine(q.Gaps == 0 ? "lyra: checked: no gaps" : $"lyra: checked: {q.Gaps} gap(s) on the venue's side, largest {q.LargestGap} [{string.Join("; ", q.Examples)}]");
            return 0;
        }));
        return command;
    }

    // The venue's address can be pointed elsewhere (a testnet, a local fake) with the host's own settings.
    private static string? BaseUrl(string venue) => Environment.GetEnvironmentVariable(venue == "binance" ? "Lyra__MarketData__BinanceBaseUrl" : $"Lyra__Exchanges__{venue}__BaseUrl") is { Length: > 0 } u ? u : null;

    private static DateTimeOffset Time(string value, string field) =>
        DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new ValidationException(field, $"'{value}' is not yyyy-MM-dd or yyyy-MM-ddTHH:mm (UTC)");

    private static string Stamp(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    // Download counts as the progress bar's fraction and detail.
    private sealed class Progress(IProgress<ProgressUpdate> inner) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => inner.Report(new ProgressUpdate(
            value.Expected == 0 ? 1 : (double)value.Candles / value.Expected,
            string.Create(CultureInfo.InvariantCulture, $"{value.Candles:N0} of ~{value.Expected:N0} candles, through {Stamp(value.Through)}")));
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
