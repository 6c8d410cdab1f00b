using System.Globalization;
using System.IO.MemoryMappedFiles;
using Lyra.Data.Candles;
using nietras.SeparatedValues;

namespace Lyra.Data.Loading;

/// <summary>
/// Reads a clean OHLCV CSV (with a Date,Open,High,Low,Close,Volume header, or Binance kline rows without one) straight
/// into columns with Sep: no per-row objects, no decimals. It takes only what it can read without doubt — times as
/// epoch s/ms/µs or <c>yyyy-MM-dd[ HH:mm[:ss]]</c> (also with <c>T</c>/<c>Z</c>), rows strictly ascending, every candle
/// consistent — and returns null for anything else, so <see cref="CandleFileLoader"/> reads that file and says what is
/// wrong and where. Gaps are reported exactly as the loader reports them.
/// </summary>
/// <remarks>
/// The file is read whole and cut at line ends into one part per core; each part has its own Sep reader filling its own
/// columns (Sep's csFastFloat parsing, correctly rounded like <c>double.Parse</c>), then the parts are joined. Handing
/// rows from one reader to other threads cost more than it saved.
/// </remarks>
public static class FastCsvReader
{
    // Below this a file is read on one thread (starting a second costs more than it saves).
    private const int ParallelThreshold = 1 << 20;

    /// <summary>The series and its quality report, or null when the file needs the full loader.</summary>
    public static (CandleSeries Series, DataQualityReport Report)? TryRead(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        var length = new FileInfo(path).Length;
        if (length is 0 or > int.MaxValue) return null;
        // Mapped, not read: the file's pages come from the page cache instead of being copied into fresh memory, which
        // on a small VM costs more than parsing them.
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        var handle = view.SafeMemoryMappedViewHandle;
        unsafe
        {
            byte* pointer = null;
            handle.AcquirePointer(ref pointer);
            try
            {
                return Read((nint)(pointer + view.PointerOffset), (int)length);
            }
            finally
            {
                handle.ReleasePointer();
            }
        }
    }

    private static unsafe (CandleSeries Series, DataQualityReport Report)? Read(nint start, int length)
    {
        var bytes = new ReadOnlySpan<byte>((byte*)start, length);
        var begin = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var firstEnd = bytes[begin..].IndexOf((byte)'\n');
        firstEnd = firstEnd < 0 ? length : firstEnd + begin;
        var firstLine = System.Text.Encoding.UTF8.GetString(bytes[begin..firstEnd]).TrimEnd('\r');

        // A header, or Binance rows from the first line on.
        var head = firstLine.TrimStart();
        var hasHeader = head.Length == 0 || !char.IsAsciiDigit(head[0]);
        int[] cols = [0, 1, 2, 3, 4, 5];
        if (hasHeader)
        {
            if (Header(firstLine.Split(',')) is not { } mapped) return null;
            cols = mapped;
        }

        var body = hasHeader ? Math.Min(length, firstEnd + 1) : begin;
        var parts = Split(bytes, body, length - body < ParallelThreshold ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8));
        // Each part writes its rows into its own slice of the columns: at most one row per line.
        var lineCounts = new int[parts.Count];
        if (parts.Count == 1) lineCounts[0] = Lines(bytes[parts[0].Start..parts[0].End]);
        else Parallel.For(0, parts.Count, i => lineCounts[i] = Lines(new ReadOnlySpan<byte>((byte*)start + parts[i].Start, parts[i].End - parts[i].Start)));
        var offsets = new int[parts.Count + 1];
        for (var i = 0; i < parts.Count; i++) offsets[i + 1] = offsets[i] + lineCounts[i];

        var lines = offsets[^1];
        if (lines == 0) return null;
        // Every element is written before it is read (or cut off by Trim), so the columns need no zeroing.
        var series = new CandleSeries(GC.AllocateUninitializedArray<long>(lines), GC.AllocateUninitializedArray<double>(lines), GC.AllocateUninitializedArray<double>(lines),
            GC.AllocateUninitializedArray<double>(lines), GC.AllocateUninitializedArray<double>(lines), GC.AllocateUninitializedArray<double>(lines));
        var counts = new int[parts.Count];
        if (parts.Count == 1) counts[0] = Part.Parse(start, parts[0], cols, series, offsets[0]);
        else Parallel.For(0, parts.Count, i => counts[i] = Part.Parse(start, parts[i], cols, series, offsets[i]));

        // Close the holes left by blank lines, and check the order across the cuts (each part is ascending inside).
        var n = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            if (counts[i] < 0) return null;
            if (counts[i] == 0) continue;
            if (n > 0 && series.Time[offsets[i]] <= series.Time[n - 1]) return null;
            if (offsets[i] != n) Move(series, offsets[i], n, counts[i]);
            n += counts[i];
        }

        if (n == 0) return null;
        if (n < lines) series = Trim(series, n);
        return (series, Gaps(series.Time));
    }

    // Line ends, plus a last line without one.
    private static int Lines(ReadOnlySpan<byte> part)
    {
        var count = 0;
        for (var rest = part; ;)
        {
            var i = rest.IndexOf((byte)'\n');
            if (i < 0) return count + (rest.IsEmpty ? 0 : 1);
            count++;
            rest = rest[(i + 1)..];
        }
    }

    private static void Move(CandleSeries s, int from, int to, int count)
    {
        Array.Copy(s.Time, from, s.Time, to, count);
        foreach (var col in new[] { s.Open, s.High, s.Low, s.Close, s.Volume }) Array.Copy(col, from, col, to, count);
    }

    private static CandleSeries Trim(CandleSeries s, int n) =>
        new(s.Time[..n], s.Open[..n], s.High[..n], s.Low[..n], s.Close[..n], s.Volume[..n]);

    // [start, end) ranges of the body cut just after a line end, about equal in size.
    private static List<(int Start, int End)> Split(ReadOnlySpan<byte> bytes, int body, int count)
    {
        var parts = new List<(int, int)>(count);
        var start = body;
        for (var i = 1; i < count && start < bytes.Length; i++)
        {
            var target = body + (int)((long)(bytes.Length - body) * i / count);
            if (target <= start) continue;
            var newline = bytes[target..].IndexOf((byte)'\n');
            if (newline < 0) break;
            parts.Add((start, target + newline + 1));
            start = target + newline + 1;
        }

        parts.Add((start, bytes.Length));
        return parts;
    }

    // One part of the file, parsed into the columns from a given row on.
    private static class Part
    {
        // Rows written, or -1 when the part has something only the loader should read.
        public static unsafe int Parse(nint file, (int Start, int End) part, int[] cols, CandleSeries s, int at)
        {
            var contiguous = cols.AsSpan().SequenceEqual([0, 1, 2, 3, 4, 5]);
            var day = new DayCache();
            var n = at;
            try
            {
                using var reader = Sep.Reader(x => x with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
                    .From(new UnmanagedMemoryStream((byte*)file + part.Start, part.End - part.Start));
                foreach (var row in reader)
                {
                    if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
                    if (row.ColCount < 6 || !TryTime(row[cols[0]].Span, ref day, out var time)) return -1;
                    double open, high, low, close, volume;
                    if (contiguous)
                    {
                        var p = row[1..6].Parse<double>();
                        (open, high, low, close, volume) = (p[0], p[1], p[2], p[3], p[4]);
                    }
                    else
                    {
                        (open, high, low, close, volume) = (row[cols[1]].Parse<double>(), row[cols[2]].Parse<double>(), row[cols[3]].Parse<double>(),
                            row[cols[4]].Parse<double>(), row[cols[5]].Parse<double>());
                    }

                    // The loader's checks (Candle.Problem): anything it would stop at, it reads and explains. NaN fails them too.
                    if (!(open > 0 && high > 0 && low > 0 && close > 0 && volume >= 0 && low <= high && open <= high && close <= high && open >= low && close >= low)
                        || !double.IsFinite(high) || !double.IsFinite(volume) || (n > at && time <= s.Time[n - 1]) || n == s.Time.Length)
                    {
                        return -1;
                    }

                    (s.Time[n], s.Open[n], s.High[n], s.Low[n], s.Close[n], s.Volume[n]) = (time, open, high, low, close, volume);
                    n++;
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidDataException)
            {
                return -1; // a number Sep cannot read: the loader will say which
            }

            return n - at;
        }
    }

    // The last date seen and its midnight: rows of one day share it, so the calendar is worked out once a day.
    private struct DayCache
    {
        public long Date; // yyyyMMdd
        public long MidnightMs;
    }

    // Steps more than 1.5 × the smallest step, as CandleFileLoader counts them.
    private static DataQualityReport Gaps(long[] t)
    {
        var step = long.MaxValue;
        for (var i = 1; i < t.Length; i++) step = Math.Min(step, t[i] - t[i - 1]);
        var gaps = 0;
        var largest = 0L;
        for (var i = 1; i < t.Length; i++)
        {
            var gap = t[i] - t[i - 1];
            if (gap <= step * 1.5) continue;
            gaps++;
            largest = Math.Max(largest, gap);
        }

        return new DataQualityReport(t.Length, false, 0, 0, gaps, 0, TimeSpan.FromMilliseconds(largest), []);
    }

    private static int[]? Header(string[] cells)
    {
        var names = cells.Select(x => x.Trim()).ToArray();
        int Find(string name) => Array.FindIndex(names, x => x.Equals(name, StringComparison.OrdinalIgnoreCase));
        int[] cols = [0, Find("Open"), Find("High"), Find("Low"), Find("Close"), Find("Volume")];
        return cols.Any(x => x < 0) ? null : cols;
    }

    // Epoch s, ms or µs (as the loader reads them), or yyyy-MM-dd[( |T)HH:mm[:ss]][Z] in UTC; milliseconds since 1970.
    private static bool TryTime(ReadOnlySpan<char> s, ref DayCache day, out long ms)
    {
        ms = 0;
        s = s.Trim();
        if (s.IsEmpty) return false;
        if (AllDigits(s))
        {
            if (s.Length > 18 || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)) return false;
            ms = epoch switch { >= 100_000_000_000_000 => epoch / 1000, >= 100_000_000_000 => epoch, >= 100_000_000 => epoch * 1000, _ => -1 };
            return ms >= 0 && ms <= 253402300799999;
        }

        if (s[^1] == 'Z') s = s[..^1];
        if (s.Length is not (10 or 16 or 19) || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var dom)) return false;
        int hour = 0, minute = 0, second = 0;
        if (s.Length > 10)
        {
            if (s[10] is not (' ' or 'T') || s[13] != ':' || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute)) return false;
            if (s.Length == 19 && (s[16] != ':' || !Digits(s, 17, 2, out second))) return false;
        }

        if (hour > 23 || minute > 59 || second > 59) return false;
        var date = (year * 10_000L) + (month * 100) + dom;
        if (date != day.Date)
        {
            if (year < 1 || month is < 1 or > 12 || dom < 1 || dom > DateTime.DaysInMonth(year, month)) return false;
            day.Date = date;
            day.MidnightMs = (new DateTime(year, month, dom, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        }

        ms = day.MidnightMs + (((hour * 3600L) + (minute * 60) + second) * 1000);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch)) return false;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
