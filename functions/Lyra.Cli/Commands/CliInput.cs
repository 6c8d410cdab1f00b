using System.CommandLine;
using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Loading;

namespace Lyra.Cli.Commands;

/// <summary>Input helpers shared by the research commands: data files, <c>--param k=v</c> lists, error reporting.</summary>
internal static class CliInput
{
    /// <summary>Loads a data file through the binary columnar cache (parsed once per file version); <paramref name="timings"/> gets how long it took.</summary>
    public static async Task<CandleSeries> LoadSeriesAsync(string? file, CancellationToken ct, string? repair = null, TextWriter? warnings = null, TextWriter? timings = null)
    {
        if (string.IsNullOrEmpty(file)) throw new ValidationException("--data", "--data FILE is required");
        if (!File.Exists(file)) throw new ValidationException("--data", $"file '{file}' does not exist");
        var policy = RepairPolicies.Parse(repair);
        void Report(DataQualityReport q)
        {
            if (q.Summary() is { } s) warnings?.WriteLine($"lyra: {Path.GetFileName(file)}: {s}");
        }

        if (Environment.GetEnvironmentVariable("LYRA_NO_CACHE") == "1")
        {
            var (candles, quality) = await CandleFileLoader.LoadAsync(file, policy, ct);
            Report(quality);
            return CandleSeries.From(candles);
        }

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var (series, cached) = await ColumnarCache.Default.LoadAsync(file, policy, Report, ct);
        timings?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}: {series.Count:N0} bars {(cached ? "from the columnar cache" : "parsed")} in {sw.Elapsed.TotalMilliseconds:F0} ms ({series.Count / Math.Max(sw.Elapsed.TotalSeconds, 1e-9) / 1e6:F1} M rows/s)"));
        return series;
    }

    /// <summary>Waits for cache files still being written (before the process exits).</summary>
    public static Task CacheWrittenAsync() => ColumnarCache.Default.WhenWrittenAsync();

    /// <summary>The <c>--repair</c> option shared by the research commands.</summary>
    public static Option<string?> RepairOption() => new("--repair")
    {
        Description = "Fix instead of stopping: sort (order rows, drop duplicate timestamps), drop-invalid, fill-gaps, or all (comma-separated).",
    };

    public static Dictionary<string, double> Parameters(IEnumerable<string>? pairs)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(pair[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new ValidationException("--param", $"'{pair}' is not name=number");
            }

            result[pair[..eq]] = v;
        }

        return result;
    }

    /// <summary>Runs a command body; input errors print "lyra: ..." and exit 2.</summary>
    public static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ValidationException e)
        {
            error.WriteLine($"lyra: {Flag(e.Field)}: {e.Message}");
            return RunCommand.InputError;
        }
        catch (Exception e) when (e is LyraException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            error.WriteLine("lyra: " + e.Message);
            return RunCommand.InputError;
        }
    }

    /// <summary>Names a validation field as the user typed it: <c>stop_loss</c> → <c>--stop-loss</c>, <c>--strategy.fast</c> → <c>--param fast</c>.</summary>
    internal static string Flag(string field) =>
        field.StartsWith("--strategy.", StringComparison.Ordinal) ? "--param " + field["--strategy.".Length..]
        : field.StartsWith("--", StringComparison.Ordinal) ? field
        : "--" + field.Replace('_', '-');
}
