using System.CommandLine;
using System.Globalization;
using System.Text;
using Lyra.Core.Errors;
using Lyra.Strategies.Indicators;

namespace Lyra.Cli.Commands;

/// <summary><c>lyra indicators</c>: writes the timestamp and one column per indicator output (empty during warm-up).</summary>
public static class IndicatorsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var repair = CliInput.RepairOption();
        var data = new Option<string>("--data") { Description = "Data file.", Required = true };
        var indicator = new Option<string[]>("--indicator") { Description = $"Indicator spec such as rsi:14 or macd:12,26,9 (repeatable). Known: {string.Join(", ", IndicatorCatalog.Defaults.Keys)}." };
        var outFile = new Option<string>("--out") { Description = "CSV file to write.", Required = true };
        var command = new Command("indicators", "Compute indicators over a data file into a CSV.") { data, repair, indicator, outFile };
        command.SetAction((p, ct) => CliInput.GuardAsync(error, async () =>
        {
            var specs = p.GetValue(indicator) ?? [];
            if (specs.Length == 0) throw new ValidationException("--indicator", "give at least one --indicator, for example --indicator rsi:14");
            var series = await CliInput.LoadSeriesAsync(p.GetValue(data), ct, p.GetValue(repair), error);
            var names = new List<string>();
            var columns = new List<double[]>();
            foreach (var spec in specs)
            {
                var (n, cols) = IndicatorCatalog.Compute(spec, series, "--indicator");
                names.AddRange(n);
                columns.AddRange(cols);
            }

            var c = CultureInfo.InvariantCulture;
            var path = p.GetValue(outFile)!;
            await using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            await w.WriteLineAsync("timestamp," + string.Join(',', names));
            var sb = new StringBuilder();
            for (var i = 0; i < series.Count; i++)
            {
                sb.Clear().Append(DateTimeOffset.FromUnixTimeMilliseconds(series.Time[i]).ToString("yyyy-MM-dd HH:mm:ss", c));
                foreach (var col in columns) sb.Append(',').Append(double.IsNaN(col[i]) ? "" : col[i].ToString("G10", c));
                await w.WriteLineAsync(sb.ToString());
            }

            output.WriteLine($"wrote {series.Count} rows × {names.Count} columns to {path}");
            await CliInput.CacheWrittenAsync();
            return 0;
        }));
        return command;
    }
}
