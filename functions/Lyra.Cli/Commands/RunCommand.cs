using System.CommandLine;
using System.Globalization;
using Lyra.Cli.Hosting;
using Lyra.Cli.Replay;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra run</c>: the local host, live or replaying market data.</summary>
public static class RunCommand
{
    /// <summary>Exit code of bad input or configuration.</summary>
    public const int InputError = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var replay = new Option<string?>("--replay")
        {
            Description = "Replay market data from FILE (OHLCV CSV, Binance kline CSV or freqtrade JSON) at an accelerated clock; without FILE, a built-in synthetic day.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var speed = new Option<double>("--speed") { Description = "Replay speed: replay time runs at most N times real time (1440 = a day a minute; 0 = as fast as possible).", DefaultValueFactory = _ => 1440 };
        var bars = new Option<int?>("--bars") { Description = "Replay only the first N candles." };
        var symbol = new Option<string>("--symbol") { Description = "Symbol the replayed data is traded as.", DefaultValueFactory = _ => "BTCUSDT" };
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 7071 };
        var verbose = new Option<bool>("--verbose") { Description = "Log every step." };
        var command = new Command("run", "Run Lyra locally: collector, signals, TradeFlow on DurableTask.Core over Azurite, and the HTTP API.")
        {
            replay, speed, bars, symbol, port, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var isReplay = parse.GetResult(replay) is not null;
            var options = new RunOptions(isReplay, parse.GetValue(replay), parse.GetValue(speed), parse.GetValue(bars), parse.GetValue(symbol) ?? "BTCUSDT",
                parse.GetValue(port), parse.GetValue(verbose));
            return await RunAsync(options, output, error, ct);
        });
        return command;
    }

    /// <summary>Parsed options of <c>lyra run</c>.</summary>
    public sealed record RunOptions(bool Replay, string? File, double Speed, int? Bars, string Symbol, int Port, bool Verbose);

    /// <summary>Runs the host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(RunOptions o, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (o.Speed < 0) return Fail(error, "--speed must be 0 (as fast as possible) or positive");
        if (o.Bars is < 2) return Fail(error, "--bars must be at least 2");
        if (o.Port is < 0 or > 65535) return Fail(error, "--port must be 0..65535");

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

        AzuriteProcess? azurite = null;
        var connection = Environment.GetEnvironmentVariable("Lyra__Storage__ConnectionString") ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (string.IsNullOrEmpty(connection))
        {
            try
            {
                azurite = await AzuriteProcess.StartAsync(ct);
            }
            catch (FileNotFoundException e)
            {
                return Fail(error, e.Message);
            }

            connection = azurite.ConnectionString;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lyra: started Azurite (in memory) on 127.0.0.1 ports {azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}"));
        }

        try
        {
            var overrides = new Dictionary<string, string?>();
            ReplayClock? clock = null;
            var suffix = "";
            if (o.Replay)
            {
                clock = new ReplayClock(source!.First);
                overrides["Lyra:MarketData:Source"] = "replay";
                overrides["Lyra:Collect:Markets:0"] = market!.Key;
                overrides["Lyra:Strategy:MaxBarsPerUpdate"] = "1000";
                // A replay against a real account must not mix with its live rows.
                if (azurite is null) suffix = "r" + Guid.NewGuid().ToString("N")[..8];
                overrides["Lyra:Storage:TablePrefix"] = "lyra" + suffix;
            }

            WebApplication? app = null;
            try
            {
                app = LocalHost.Build(new LocalHostSettings
                {
                    StorageConnectionString = connection,
                    Port = o.Port,
                    TaskHub = "LyraHub" + suffix,
                    Overrides = overrides,
                    Clock = clock,
                    Source = source,
                    ScheduleCollector = !o.Replay,
                    LogLevel = o.Verbose ? LogLevel.Information : LogLevel.Warning,
                });
                await app.StartAsync(ct);
            }
            catch (OptionsValidationException e)
            {
                // Thrown while building (services that read their options) or while starting (ValidateOnStart).
                if (app is not null) await app.DisposeAsync();
                return Fail(error, "configuration error:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
            }

            await using var _ = app;

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            output.WriteLine($"lyra: API at {address}/api (health, status, signals, decisions, orders, positions)");
            try
            {
                if (o.Replay)
                {
                    var driver = new ReplayDriver(app.Services, clock!, source!, market!, o.Speed, output);
                    var summary = await driver.RunAsync(ct);
                    output.WriteLine();
                    output.Write(summary.Render());
                }
                else
                {
                    output.WriteLine("lyra: running; press Ctrl+C to stop");
                    await Task.Delay(Timeout.Infinite, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                output.WriteLine("lyra: stopping");
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }

            return 0;
        }
        finally
        {
            if (azurite is not null) await azurite.DisposeAsync();
        }
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
