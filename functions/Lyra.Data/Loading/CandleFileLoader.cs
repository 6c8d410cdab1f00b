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
    public static async Task<IReadOnlyList<Candle>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Market data file '{path}' does not exist.", path);
        var name = Path.GetFileName(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.OpenRead(path);
            return await ReadFreqtradeJsonAsync(stream, name, cancellationToken);
        }

        using var reader = new StreamReader(path);
        return await ReadCsvAsync(reader, name, cancellationToken);
    }

    /// <summary>Reads freqtrade JSON: an array of <c>[epoch ms, open, high, low, close, volume]</c>.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadFreqtradeJsonAsync(Stream stream, string name, CancellationToken cancellationToken = default)
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

            var candles = new List<Candle>(doc.RootElement.GetArrayLength());
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

                Add(candles, ToTime(v[0], name, row, "row"), v[1], v[2], v[3], v[4], v[5], name, row, "row");
            }

            return candles;
        }
    }

    /// <summary>Reads OHLCV CSV with a header, or Binance kline CSV without one.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadCsvAsync(TextReader reader, string name, CancellationToken cancellationToken = default)
    {
        var candles = new List<Candle>();
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
            Add(candles, time,
                ParseDecimal(cells[cols[1]], "open", name, lineNo), ParseDecimal(cells[cols[2]], "high", name, lineNo),
                ParseDecimal(cells[cols[3]], "low", name, lineNo), ParseDecimal(cells[cols[4]], "close", name, lineNo),
                ParseDecimal(cells[cols[5]], "volume", name, lineNo), name, lineNo, "line");
        }

        if (candles.Count == 0) throw new DataFormatException(name, Math.Max(lineNo, 1), "the file holds no candles");
        return candles;
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

    private static void Add(List<Candle> candles, DateTimeOffset time, decimal o, decimal h, decimal l, decimal c, decimal v,
        string name, int line, string unit)
    {
        var candle = new Candle(time, o, h, l, c, v);
        if (candle.Problem() is { } problem) throw new DataFormatException(name, line, problem, unit);
        if (candles.Count > 0)
        {
            var prev = candles[^1].OpenTime;
            if (time == prev) throw new DataFormatException(name, line, $"duplicate timestamp {time:O}", unit);
            if (time < prev) throw new DataFormatException(name, line, $"timestamp {time:O} is before the previous row's {prev:O} (file must be sorted)", unit);
        }

        candles.Add(candle);
    }
}
