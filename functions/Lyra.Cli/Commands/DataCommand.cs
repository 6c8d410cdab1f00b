using System.CommandLine;
using System.Globalization;
using System.Text;
using Lyra.Core.Errors;
using Lyra.Data.Loading;
using Lyra.Data.Markets;

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
        return new Command("data", "Market data tools.") { synth };
    }
}
