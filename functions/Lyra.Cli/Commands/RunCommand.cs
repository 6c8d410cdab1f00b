using System.CommandLine;
using System.Globalization;
using Lyra.Cli.Hosting;
using Lyra.Cli.Replay;
using Lyra.Cli.Terminal;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Core.Health;
using Lyra.Storage.Emulator;
using Lyra.Security.Access;
using Lyra.Security.Vault;
using Lyra.Workflows.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra run</c>: the local host, live or replaying market data.</summary>
public static class RunCommand
{
    /// <summary>Exit code of bad input or configuration.</summary>
    public const int InputError = ExitCodes.InputError;

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var replay = new Option<string?>("--replay")
        {
            Description = "Replay market data from FILE (OHLCV CSV, Binance kline CSV or freqtrade JSON) at an accelerated clock; without FILE, a built-in synthetic day. A replay keeps nothing (its storage is a scratch folder deleted on exit) unless --data-dir is given.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var speed = new Option<double>("--speed") { Description = "Replay speed: replay time runs at most N times real time (1440 = a day a minute; 0 = as fast as possible).", DefaultValueFactory = _ => 1440 };
        var bars = new Option<int?>("--bars") { Description = "Replay only the first N candles." };
        var symbol = new Option<string>("--symbol") { Description = "Symbol the replayed data is traded as.", DefaultValueFactory = _ => "BTCUSDT" };
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 7071 };
        var verbose = new Option<bool>("--verbose") { Description = "Log every step." };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"Folder where the local storage keeps Lyra's state across restarts (default for a live run: {DataDirectory.Default}). One lyra at a time per folder.",
        };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep nothing and write nothing to disk: the local storage lives in memory and is gone on exit." };
        var vault = new Option<string?>("--vault")
        {
            Description = $"The vault whose secrets are read as settings (default: {VaultCommand.FileVariable}, else vault.json in {DataDirectory.Default}, when it exists). See lyra vault.",
        };
        var noAuth = new Option<bool>("--no-auth") { Description = "Serve the API on 127.0.0.1 without asking for the API key (anyone on this machine can use it)." };
        var newApiKey = new Option<bool>("--new-api-key") { Description = "Replace the API key kept (hashed) in the vault with a new one, shown once." };
        var serve = new Option<bool>("--serve") { Description = "After a replay, keep serving the API and the dashboard until Ctrl+C (to look at the replay's decisions)." };
        var command = new Command("run", "Run Lyra locally: collector, signals, TradeFlow on DurableTask.Core over Azurite, and the HTTP API. Ctrl+C or SIGTERM stops it cleanly.")
        {
            replay, speed, bars, symbol, port, verbose, dataDir, inMemory, vault, noAuth, newApiKey, serve,
        };
        command.SetAction(async (parse, ct) =>
        {
            var isReplay = parse.GetResult(replay) is not null;
            var options = new RunOptions(isReplay, parse.GetValue(replay), parse.GetValue(speed), parse.GetValue(bars), parse.GetValue(symbol) ?? "BTCUSDT",
                parse.GetValue(port), parse.GetValue(verbose), parse.GetValue(dataDir), parse.GetValue(inMemory), parse.GetValue(vault))
            {
                NoAuth = parse.GetValue(noAuth),
                NewApiKey = parse.GetValue(newApiKey),
                Serve = parse.GetValue(serve),
            };
            return await RunAsync(options, output, error, ct);
        });
        return command;
    }

    /// <summary>Parsed options of <c>lyra run</c>.</summary>
    public sealed record RunOptions(bool Replay, string? File, double Speed, int? Bars, string Symbol, int Port, bool Verbose, string? DataDir = null, bool InMemory = false,
        string? Vault = null)
    {
        /// <summary><c>--no-auth</c>: the API asks for no key.</summary>
        public bool NoAuth { get; init; }

        /// <summary><c>--serve</c>: after a replay, keep serving until a signal.</summary>
        public bool Serve { get; init; }

        /// <summary><c>--new-api-key</c>: replace the stored API key.</summary>
        public bool NewApiKey { get; init; }

        /// <summary>Whether the run keeps no state (a replay without <c>--data-dir</c>, or <c>--in-memory</c>).</summary>
        public bool KeepsNothing => InMemory || (Replay && DataDir is null);
    }

    /// <summary>Runs the host until the replay ends, a signal arrives or the storage goes away; returns the process exit code.</summary>
    public static async Task<int> RunAsync(RunOptions o, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (o.Speed < 0) return Fail(error, "--speed must be 0 (as fast as possible) or positive");
        if (o.Bars is < 2) return Fail(error, "--bars must be at least 2");
        if (o.Port is < 0 or > 65535) return Fail(error, "--port must be 0..65535");
        if (o.InMemory && o.DataDir is not null) return Fail(error, "--in-memory and --data-dir exclude each other");

        LocalFileVault? secrets;
        IAccessControl access;
        try
        {
            secrets = OpenVault(o.Vault, output);
            (access, secrets) = await LocalApiAccess.ResolveAsync(o.NoAuth, o.NewApiKey, o.KeepsNothing, secrets, output, ct);
        }
        catch (LyraException e)
        {
            return Fail(error, e.Message);
        }

        ReplayMarketDataSource? source = null;
        Market? market = null;
        if (o.Replay)
        {
            try
            {
                (source, market) = await LoadReplayAsync(o, ct);
            }
            catch (Exception e) when (e is LyraException or FileNotFoundException)
            {
                return Fail(error, e.Message);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lyra: replaying {source.Count} {market.Timeframe} candles of {market.Key} ({source.First:yyyy-MM-dd HH:mm} .. {source.Last:yyyy-MM-dd HH:mm}) at {(o.Speed == 0 ? "full" : o.Speed.ToString("0.#", CultureInfo.InvariantCulture) + "x")} speed"));
        }

        using var signals = new StopSignals();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, signals.Token);
        LocalStorage storage;
        try
        {
            var local = LocalStorage.ConfiguredConnection is null;
            var scratch = local && o.Replay && o.DataDir is null && !o.InMemory;
            var folder = !local || o.InMemory ? null : scratch ? LocalStorage.ScratchFolder() : o.DataDir ?? DataDirectory.Default;
            storage = await LocalStorage.OpenAsync(folder, stopping.Token, scratch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message);
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            return Stopped(output, signals, "nothing was started");
        }

        await using (storage)
        {
            if (storage.Azurite is { } a)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lyra: started Azurite on 127.0.0.1 ports {a.BlobPort}/{a.QueuePort}/{a.TablePort}; {storage.Description}"));
            }

            return await HostAsync(o, storage, secrets, access, source, market, signals, stopping, output, error);
        }
    }

    private static async Task<int> HostAsync(RunOptions o, LocalStorage storage, LocalFileVault? vault, IAccessControl access, ReplayMarketDataSource? source, Market? market,
        StopSignals signals, CancellationTokenSource stopping, TextWriter output, TextWriter error)
    {
        var overrides = new Dictionary<string, string?>();
        // A replay on a terminal shows a progress bar on standard error; the host's log lines then go through the bar's
        // console, which prints them above it (written straight to the terminal they would cut through the bar). With
        // --verbose the console telemetry exporter writes too, so that run keeps plain progress lines.
        var terminal = o.Replay && !o.Verbose && TerminalProgress.Interactive ? TerminalProgress.ErrorConsole() : null;
        ReplayClock? clock = null;
        var suffix = "";
        if (o.Replay)
        {
            clock = new ReplayClock(source!.First);
            overrides["Lyra:MarketData:Source"] = "replay";
            overrides["Lyra:Collect:Markets:0"] = market!.Key;
            overrides["Lyra:Strategy:MaxBarsPerUpdate"] = "1000";
            // A replay against a real account must not mix with its live rows.
            if (storage.Azurite is null) suffix = "r" + Guid.NewGuid().ToString("N")[..8];
            overrides["Lyra:Storage:TablePrefix"] = "lyra" + suffix;
        }

        WebApplication? app = null;
        try
        {
            app = LocalHost.Build(new LocalHostSettings
            {
                StorageConnectionString = storage.ConnectionString,
                Access = access,
                Port = o.Port,
                TaskHub = "LyraHub" + suffix,
                Overrides = overrides,
                Vault = vault,
                Clock = clock,
                Source = source,
                ScheduleCollector = !o.Replay,
                LogLevel = o.Verbose ? LogLevel.Information : LogLevel.Warning,
                LogLine = terminal is null ? null : line => terminal.WriteLine(line),
            });
            await app.StartAsync(stopping.Token);
        }
        catch (Exception e) when (StartupFailures.Of(e) is { Count: > 0 } failures)
        {
            // Thrown while building (services that read their options) or while starting (ValidateOnStart).
            if (app is not null) await app.DisposeAsync();
            return Fail(error, "configuration error:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures));
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            if (app is not null) await StopAsync(app);
            return Stopped(output, signals, storage.Description);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        output.WriteLine($"lyra: API at {address}/api (health, status, signals, decisions, orders, positions); dashboard at {address}/");
        using var watching = new CancellationTokenSource();
        var probe = app.Services.GetServices<IHealthProbe>().First(p => p.Module == "storage");
        var lost = new StorageWatchdog(probe, storage.Azurite, TimeProvider.System).WatchAsync(watching.Token);
        _ = lost.ContinueWith(_ => stopping.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        string? failure = null;
        try
        {
            if (o.Replay)
            {
                using var driver = new ReplayDriver(app.Services, clock!, source!, market!, o.Speed);
                var summary = terminal is null
                    ? await driver.RunAsync(new ReplayProgress.Lines(output), stopping.Token)
                    : await TerminalProgress.RunAsync("replay", error, p => driver.RunAsync(new ReplayBar(p), stopping.Token), terminal);
                output.WriteLine();
                output.Write(summary.Render());
                if (o.Serve)
                {
                    output.WriteLine($"lyra: the replay is done; dashboard at {address}/ — press Ctrl+C to stop");
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                }
            }
            else
            {
                output.WriteLine("lyra: running; press Ctrl+C to stop");
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A signal or the watchdog: stop below.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage trouble shows up here first; give the watchdog the time to confirm it before calling it something else.
            if (await Task.WhenAny(lost, Task.Delay(StorageWatchdog.GiveUpAfter + StorageWatchdog.ProbeTimeout)) != lost) failure = e.Message;
        }
        finally
        {
            await watching.CancelAsync();
            await StopAsync(app);
        }

        if (lost.IsCompletedSuccessfully)
        {
            error.WriteLine($"lyra: {await lost}; stopped");
            return ExitCodes.StorageLost;
        }

        if (failure is not null)
        {
            error.WriteLine("lyra: failed: " + failure);
            return 1;
        }

        return signals.Received is not null ? Stopped(output, signals, storage.Description) : ExitCodes.Ok;
    }

    // A replay's candles as a progress bar's fraction and description, reported synchronously (in order, none after the end).
    private sealed class ReplayBar(IProgress<ProgressUpdate> bar) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value) => bar.Report(new ProgressUpdate(value.Fraction, value.Detail));
    }

    // Stops the host in order (listener and scheduler, then the durable worker, then Kestrel), within a deadline.
    private static async Task StopAsync(WebApplication app)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var stop = app.StopAsync(deadline.Token);
        await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(7), CancellationToken.None));
        var dispose = app.DisposeAsync().AsTask();
        await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));

    }

    private static int Stopped(TextWriter output, StopSignals signals, string where)
    {
        output.WriteLine($"lyra: stopped on {signals.Received}; {where}");
        return signals.ExitCode;
    }

    // The vault named by --vault (which must exist), else the default one when it exists; opened now so a wrong key stops here.
    private static LocalFileVault? OpenVault(string? option, TextWriter output)
    {
        var path = VaultCommand.Resolve(option);
        if (!File.Exists(path))
        {
            return option is null ? null : throw new ValidationException("--vault", $"there is no vault at {path} (create it with lyra vault set)");
        }

        var vault = VaultCommand.Open(path, output, creating: false);
        var count = vault.ReadAll().Count;
        output.WriteLine($"lyra: read {count} secret(s) from the vault {path}");
        return vault;
    }

    private static async Task<(ReplayMarketDataSource, Market)> LoadReplayAsync(RunOptions o, CancellationToken ct)
    {
        IReadOnlyList<Candle> candles = string.IsNullOrEmpty(o.File)
            ? SyntheticSeries.Generate(1440, 7, Timeframe.OneMinute, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            : await CandleFileLoader.LoadAsync(o.File, ct);
        if (o.Bars is { } n && n < candles.Count) candles = candles.Take(n).ToList();
        if (candles.Count < 2) throw new ValidationException("--replay", $"{o.File}: a replay needs at least 2 candles");
        var timeframe = DetectTimeframe(candles, o.File ?? "synthetic");
        var market = Market.Parse($"replay:{o.Symbol}:{timeframe.Code}", "--symbol");
        return (new ReplayMarketDataSource(candles, timeframe), market);
    }

    /// <summary>The smallest step between consecutive candles, which must be a supported timeframe.</summary>
    internal static Timeframe DetectTimeframe(IReadOnlyList<Candle> candles, string name)
    {
        var min = TimeSpan.MaxValue;
        for (var i = 1; i < candles.Count; i++)
        {
            var d = candles[i].OpenTime - candles[i - 1].OpenTime;
            if (d < min) min = d;
        }

        foreach (var code in Timeframe.SupportedCodes)
        {
            var tf = Timeframe.Parse(code);
            if (tf.Duration == min) return tf;
        }

        throw new ValidationException("--replay", $"{name}: candles are {min} apart; replay supports {string.Join(", ", Timeframe.SupportedCodes)}");
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("lyra: " + message);
        return InputError;
    }
}
