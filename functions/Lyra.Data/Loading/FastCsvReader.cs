using System.Globalization;
using Lyra.Data.Candles;
using Lyra.Data.Memory;
using Microsoft.Win32.SafeHandles;
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
/// The file is cut at line ends into one part per core; each part is counted, then parsed by its own Sep reader into
/// its own slice of the columns (plain decimals of up to 15 digits by one exact division, other numbers by Sep's
/// csFastFloat parsing; both correctly rounded like <c>double.Parse</c>). Handing rows
/// from one reader to other threads cost more than it saved. The parts are read with positioned reads into small
/// buffers, not mapped: on a small VM the first touch of mapped pages costs more than copying them.
/// </remarks>
public static class FastCsvReader
{
    // Below this a file is read on one thread (starting a second costs more than it saves).
    private const int ParallelThreshold = 1 << 20;
    // Enough for any header or first row this reader takes.
    private const int HeadBytes = 64 * 1024;

    /// <summary>The series and its quality report, or null when the file needs the full loader.</summary>
    public static (CandleSeries Series, DataQualityReport Report)? TryRead(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        return length is 0 or > int.MaxValue ? null : Read(file, (int)length);
    }

    private static (CandleSeries Series, DataQualityReport Report)? Read(SafeFileHandle file, int length)
    {
        var headBytes = new byte[Math.Min(length, HeadBytes)];
        var bytes = headBytes.AsSpan(0, FileRange.ReadAt(file, headBytes, 0));
        var begin = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var firstEnd = bytes[begin..].IndexOf((byte)'\n');
        if (firstEnd < 0 && length > bytes.Length) return null;
        firstEnd = firstEnd < 0 ? bytes.Length : firstEnd + begin;
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
        var parts = Split(file, length, body, length - body < ParallelThreshold ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8));
        // Each part writes its rows into its own slice of the columns: at most one row per line.
        var lineCounts = new int[parts.Count];
        if (parts.Count == 1) lineCounts[0] = FileRange.Lines(file, parts[0].Start, parts[0].End);
        else Parallel.For(0, parts.Count, i => lineCounts[i] = FileRange.Lines(file, parts[i].Start, parts[i].End));
        var offsets = new int[parts.Count + 1];
        for (var i = 0; i < parts.Count; i++) offsets[i + 1] = offsets[i] + lineCounts[i];

        var lines = offsets[^1];
        if (lines == 0) return null;
        // Every element is written before it is read (or cut off by Trim), so the columns need no zeroing.
        var series = new CandleSeries(ColumnArrays.Uninitialized<long>(lines), ColumnArrays.Uninitialized<double>(lines), ColumnArrays.Uninitialized<double>(lines),
            ColumnArrays.Uninitialized<double>(lines), ColumnArrays.Uninitialized<double>(lines), ColumnArrays.Uninitialized<double>(lines));
        var counts = new int[parts.Count];
        if (parts.Count == 1) counts[0] = Part.Parse(file, parts[0], cols, series, offsets[0]);
        else Parallel.For(0, parts.Count, i => counts[i] = Part.Parse(file, parts[i], cols, series, offsets[i]));

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

    private static void Move(CandleSeries s, int from, int to, int count)
    {
        Array.Copy(s.Time, from, s.Time, to, count);
        foreach (var col in new[] { s.Open, s.High, s.Low, s.Close, s.Volume }) Array.Copy(col, from, col, to, count);
    }

    private static CandleSeries Trim(CandleSeries s, int n) =>
        new(s.Time[..n], s.Open[..n], s.High[..n], s.Low[..n], s.Close[..n], s.Volume[..n]);

    // [start, end) ranges of the body cut just after a line end, about equal in size.
    private static List<(int Start, int End)> Split(SafeFileHandle file, int length, int body, int count)
    {
        var parts = new List<(int, int)>(count);
        var start = body;
        for (var i = 1; i < count && start < length; i++)
        {
            var target = body + (int)((long)(length - body) * i / count);
            if (target <= start) continue;
            var newline = (int)FileRange.NextLineEnd(file, target, length);
            if (newline < 0) break;
            parts.Add((start, newline + 1));
            start = newline + 1;
        }

        parts.Add((start, length));
        return parts;
    }

    // One part of the file, parsed into the columns from a given row on.
    private static class Part
    {
        // Rows written, or -1 when the part has something only the loader should read.
        public static int Parse(SafeFileHandle file, (int Start, int End) part, int[] cols, CandleSeries s, int at)
        {
            var day = new DayCache();
            var n = at;
            try
            {
                // A comma, as the header check requires; a 64 K char buffer measured ~5 % faster than Sep's default here.
                using var reader = Sep.New(',').Reader(x => x with { HasHeader = false, InitialBufferLength = 64 * 1024, DisableColCountCheck = true, DisableQuotesParsing = true })
                    .From(new FileRange(file, part.Start, part.End));
                foreach (var row in reader)
                {
                    if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
                    if (row.ColCount < 6 || !TryTime(row[cols[0]].Span, ref day, out var time)) return -1;
                    double open = Number(row[cols[1]]), high = Number(row[cols[2]]), low = Number(row[cols[3]]), close = Number(row[cols[4]]), volume = Number(row[cols[5]]);

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

    // A plain decimal of at most 15 digits (what price and volume columns hold) is an exact integer divided by an exact
    // power of ten, and one IEEE division rounds correctly: the double double.Parse returns, without its general
    // machinery. Anything else (signs, exponents, long digit strings, junk) goes to Sep's parser, which says no to junk.
    private static double Number(SepReader.Col col)
    {
        var s = col.Span;
        long digits = 0;
        int count = 0, point = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d <= 9)
            {
                digits = (digits * 10) + d;
                count++;
            }
            else if (s[i] == '.' && point < 0)
            {
                point = i;
            }
            else
            {
                return col.Parse<double>();
            }
        }

        if (count is 0 or > 15) return col.Parse<double>();
        return point < 0 ? digits : digits / PowersOfTen[s.Length - point - 1];
    }

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

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
