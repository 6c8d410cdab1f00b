using System.Globalization;
using System.Text.Json;
using Lyra.Data.Candles;

namespace Lyra.Data.Loading;

/// <summary>
/// Reads candle files: OHLCV CSV with a header (<c>Date,Open,High,Low,Close,Volume</c>, daily or intraday dates,
/// or epoch ms), Binance kline CSV (no header, ms or µs open times) and freqtrade JSON (<c>[[ms,o,h,l,c,v],...]</c>).
/// The whole file is validated before anything is returned, so a bad row never leaves a half-imported series.
/// </summary>
public static class CandleFileLoader
{
    /// <summary>Loads and validates a file; the format is chosen by extension (<c>.json</c>) or CSV content.</summary>
    /// <exception cref="DataFormatException">A row is malformed, inconsistent or out of order.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<IReadOnlyList<Candle>> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        (await LoadAsync(path, RepairPolicy.None, cancellationToken)).Candles;

    /// <summary>Loads a file, applying <paramref name="repair"/> instead of stopping where it allows; reports what it found.</summary>
    public static async Task<(IReadOnlyList<Candle> Candles, DataQualityReport Report)> LoadAsync(string path, RepairPolicy repair, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Market data file '{path}' does not exist.", path);
        var name = Path.GetFileName(path);
        var rows = new List<RawRow>();
        string unit;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.OpenRead(path);
            await ReadFreqtradeJsonAsync(stream, name, rows, cancellationToken);
            unit = "row";
        }
        else
        {
            using var reader = new StreamReader(path);
            await ReadCsvAsync(reader, name, rows, cancellationToken);
            unit = "line";
        }

        return Validate(rows, repair, name, unit);
    }

    /// <summary>A parsed but not yet validated row.</summary>
    private readonly record struct RawRow(Candle Candle, int Line);

    /// <summary>Reads freqtrade JSON: an array of <c>[epoch ms, open, high, low, close, volume]</c>.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadFreqtradeJsonAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        var rows = new List<RawRow>();
        await ReadFreqtradeJsonAsync(stream, name, rows, cancellationToken);
        return Validate(rows, RepairPolicy.None, name, "row").Candles;
    }

    private static async Task ReadFreqtradeJsonAsync(Stream stream, string name, List<RawRow> candles, CancellationToken cancellationToken)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(name, (int)(e.LineNumber ?? 0) + 1, "not valid JSON: " + e.Message);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(name, 1, "expected a JSON array of [ms, open, high, low, close, volume] rows", "row");
            }

            var row = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                row++;
                if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 6)
                {
                    throw new DataFormatException(name, row, "expected [ms, open, high, low, close, volume]", "row");
                }

                var v = new decimal[6];
                var i = 0;
                foreach (var cell in e.EnumerateArray())
                {
                    if (i == 6) break;
                    if (cell.ValueKind != JsonValueKind.Number || !cell.TryGetDecimal(out v[i]))
                    {
                        throw new DataFormatException(name, row, $"column {i + 1} is not a number: {cell.GetRawText()}", "row");
                    }

                    i++;
                }

                candles.Add(new RawRow(new Candle(ToTime(v[0], name, row, "row"), v[1], v[2], v[3], v[4], v[5]), row));
            }
        }
    }

    /// <summary>Reads OHLCV CSV with a header, or Binance kline CSV without one.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadCsvAsync(TextReader reader, string name, CancellationToken cancellationToken = default)
    {
        var rows = new List<RawRow>();
        await ReadCsvAsync(reader, name, rows, cancellationToken);
        return Validate(rows, RepairPolicy.None, name, "line").Candles;
    }

    private static async Task ReadCsvAsync(TextReader reader, string name, List<RawRow> candles, CancellationToken cancellationToken)
    {
        var lineNo = 0;
        var header = true;
        int[] cols = [0, 1, 2, 3, 4, 5];
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (header)
            {
                header = false;
                if (!IsNumericOrDate(cells[0]))
                {
                    cols = MapHeader(cells, name, lineNo);
                    continue;
                }
            }

            if (cells.Length < 6) throw new DataFormatException(name, lineNo, $"expected at least 6 columns, found {cells.Length}");
            var time = ParseTime(cells[cols[0]].Trim(), name, lineNo);
            candles.Add(new RawRow(new Candle(time,
                ParseDecimal(cells[cols[1]], "open", name, lineNo), ParseDecimal(cells[cols[2]], "high", name, lineNo),
                ParseDecimal(cells[cols[3]], "low", name, lineNo), ParseDecimal(cells[cols[4]], "close", name, lineNo),
                ParseDecimal(cells[cols[5]], "volume", name, lineNo)), lineNo));
        }

        if (candles.Count == 0) throw new DataFormatException(name, Math.Max(lineNo, 1), "the file holds no candles");
    }

    private static int[] MapHeader(string[] cells, string name, int lineNo)
    {
        int Find(string col)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (string.Equals(cells[i].Trim(), col, StringComparison.OrdinalIgnoreCase)) return i;
            }

            throw new DataFormatException(name, lineNo, $"header has no '{col}' column (expected Date,Open,High,Low,Close,Volume)");
        }

        // The first column holds the time whatever its header says ("", "Date", "time", "timestamp").
        return [0, Find("Open"), Find("High"), Find("Low"), Find("Close"), Find("Volume")];
    }

    private static bool IsNumericOrDate(string cell)
    {
        var c = cell.Trim();
        return c.Length > 0 && char.IsAsciiDigit(c[0]);
    }

    private static DateTimeOffset ParseTime(string cell, string name, int lineNo)
    {
        if (cell.Length > 0 && cell.All(char.IsAsciiDigit) && decimal.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return ToTime(epoch, name, lineNo, "line");
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-ddTHH:mm:sszzz"];
        if (DateTimeOffset.TryParseExact(cell, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new DataFormatException(name, lineNo, $"'{cell}' is not a date (yyyy-MM-dd[ HH:mm:ss]) or an epoch timestamp");
    }

    private static DateTimeOffset ToTime(decimal epoch, string name, int line, string unit)
    {
        // Binance switched spot kline files to microseconds in 2025; seconds are also seen in the wild.
        var ms = epoch switch
        {
            >= 1e14m => epoch / 1000m,
            >= 1e11m => epoch,
            >= 1e8m => epoch * 1000m,
            _ => -1m,
        };
        if (ms < 0 || ms > 253402300799999m) throw new DataFormatException(name, line, $"timestamp {epoch} is not epoch s, ms or µs", unit);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
    }

    private static decimal ParseDecimal(string cell, string column, string name, int lineNo)
    {
        if (decimal.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new DataFormatException(name, lineNo, $"{column} '{cell.Trim()}' is not a number");
    }

    private static (IReadOnlyList<Candle> Candles, DataQualityReport Report) Validate(List<RawRow> rows, RepairPolicy repair, string name, string unit)
    {
        var examples = new List<string>();
        void Note(string text) { if (examples.Count < 5) examples.Add(text); }
        var total = rows.Count;

        // 1. Invalid rows: stop at the first, or drop them all.
        var invalid = 0;
        var valid = new List<RawRow>(rows.Count);
        foreach (var r in rows)
        {
            if (r.Candle.Problem() is not { } problem) { valid.Add(r); continue; }
            if (!repair.HasFlag(RepairPolicy.DropInvalid)) throw new DataFormatException(name, r.Line, problem, unit);
            invalid++;
            Note($"{unit} {r.Line}: {problem}");
        }

        // 2. Order and duplicates: stop at the first, or sort (stable) and keep the last of equal timestamps.
        var sorted = false;
        var duplicates = 0;
        for (var i = 1; i < valid.Count; i++)
        {
            var prev = valid[i - 1].Candle.OpenTime;
            var time = valid[i].Candle.OpenTime;
            if (time > prev) continue;
            if (!repair.HasFlag(RepairPolicy.Sort))
            {
                throw new DataFormatException(name, valid[i].Line, time == prev
                    ? $"duplicate timestamp {time:O}"
                    : $"timestamp {time:O} is before the previous row's {prev:O} (file must be sorted)", unit);
            }

            sorted = true;
            break;
        }

        if (sorted)
        {
            var ordered = valid.Select((r, k) => (r, k)).OrderBy(x => x.r.Candle.OpenTime).ThenBy(x => x.k).Select(x => x.r).ToList();
            valid.Clear();
            foreach (var r in ordered)
            {
                if (valid.Count > 0 && valid[^1].Candle.OpenTime == r.Candle.OpenTime)
                {
                    duplicates++;
                    Note($"{unit} {r.Line}: duplicate of {unit} {valid[^1].Line}");
                    valid[^1] = r;
                }
                else
                {
                    valid.Add(r);
                }
            }
        }

        if (valid.Count == 0) throw new DataFormatException(name, 1, "no valid candles left", unit);

        // 3. Gaps: steps more than 1.5 × the smallest step (calendar months vary from 28 to 31 days and are not gaps).
        // Reported; filled flat only when asked.
        var step = TimeSpan.MaxValue;
        for (var i = 1; i < valid.Count; i++) step = Min(step, valid[i].Candle.OpenTime - valid[i - 1].Candle.OpenTime);
        int gaps = 0, filled = 0;
        var largest = TimeSpan.Zero;
        var result = new List<Candle>(valid.Count);
        for (var i = 0; i < valid.Count; i++)
        {
            var c = valid[i].Candle;
            if (i > 0)
            {
                var prev = result[^1];
                var gap = c.OpenTime - prev.OpenTime;
                if (gap > step * 1.5)
                {
                    gaps++;
                    largest = gap > largest ? gap : largest;
                    if (repair.HasFlag(RepairPolicy.FillGaps))
                    {
                        for (var t = prev.OpenTime + step; t < c.OpenTime; t += step)
                        {
                            result.Add(new Candle(t, prev.Close, prev.Close, prev.Close, prev.Close, 0));
                            filled++;
                        }
                    }
                }
            }

            result.Add(c);
        }

        return (result, new DataQualityReport(total, sorted, duplicates, invalid, gaps, filled, largest, examples));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
