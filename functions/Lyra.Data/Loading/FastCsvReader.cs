using System.Globalization;
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
public static class FastCsvReader
{
    /// <summary>The series and its quality report, or null when the file needs the full loader.</summary>
    public static (CandleSeries Series, DataQualityReport Report)? TryRead(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        var capacity = (int)Math.Clamp(new FileInfo(path).Length / 40, 16, int.MaxValue / 2);
        var t = new long[capacity];
        double[] o = new double[capacity], h = new double[capacity], l = new double[capacity], c = new double[capacity], v = new double[capacity];
        int[] cols = [0, 1, 2, 3, 4, 5];
        var n = 0;
        var first = true;
        using var reader = Sep.Reader(x => x with { HasHeader = false, DisableColCountCheck = true }).FromFile(path);
        foreach (var row in reader)
        {
            if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
            if (first)
            {
                first = false;
                var head = row[0].Span.Trim();
                if (head.IsEmpty || !char.IsAsciiDigit(head[0]))
                {
                    if (Header(row) is not { } mapped) return null;
                    cols = mapped;
                    continue;
                }
            }

            if (row.ColCount < 6) return null;
            if (n == t.Length)
            {
                var grown = t.Length * 2;
                Array.Resize(ref t, grown);
                Array.Resize(ref o, grown);
                Array.Resize(ref h, grown);
                Array.Resize(ref l, grown);
                Array.Resize(ref c, grown);
                Array.Resize(ref v, grown);
            }

            if (!TryTime(row[cols[0]].Span.Trim(), out var time)
                || !TryNumber(row[cols[1]].Span, out var open) || !TryNumber(row[cols[2]].Span, out var high)
                || !TryNumber(row[cols[3]].Span, out var low) || !TryNumber(row[cols[4]].Span, out var close) || !TryNumber(row[cols[5]].Span, out var volume))
            {
                return null;
            }

            // The loader's checks (Candle.Problem) and order: anything it would stop at, it reads and explains.
            if (!(open > 0 && high > 0 && low > 0 && close > 0) || volume < 0 || low > high || open > high || close > high || open < low || close < low) return null;
            if (n > 0 && time <= t[n - 1]) return null;
            (t[n], o[n], h[n], l[n], c[n], v[n]) = (time, open, high, low, close, volume);
            n++;
        }

        if (n == 0) return null;
        Array.Resize(ref t, n);
        Array.Resize(ref o, n);
        Array.Resize(ref h, n);
        Array.Resize(ref l, n);
        Array.Resize(ref c, n);
        Array.Resize(ref v, n);
        return (new CandleSeries(t, o, h, l, c, v), Gaps(t));
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

    private static int[]? Header(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++) names[i] = row[i].Span.Trim().ToString();
        int Find(string name) => Array.FindIndex(names, x => x.Equals(name, StringComparison.OrdinalIgnoreCase));
        int[] cols = [0, Find("Open"), Find("High"), Find("Low"), Find("Close"), Find("Volume")];
        return cols.Any(x => x < 0) ? null : cols;
    }

    private static bool TryNumber(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    // Epoch s, ms or µs (as the loader reads them), or yyyy-MM-dd[( |T)HH:mm[:ss]][Z] in UTC; milliseconds since 1970.
    private static bool TryTime(ReadOnlySpan<char> s, out long ms)
    {
        ms = 0;
        if (s.IsEmpty) return false;
        if (AllDigits(s))
        {
            if (s.Length > 18 || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)) return false;
            ms = epoch switch { >= 100_000_000_000_000 => epoch / 1000, >= 100_000_000_000 => epoch, >= 100_000_000 => epoch * 1000, _ => -1 };
            return ms >= 0 && ms <= 253402300799999;
        }

        if (s[^1] == 'Z') s = s[..^1];
        if (s.Length is not (10 or 16 or 19) || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        int hour = 0, minute = 0, second = 0;
        if (s.Length > 10)
        {
            if (s[10] is not (' ' or 'T') || s[13] != ':' || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute)) return false;
            if (s.Length == 19 && (s[16] != ':' || !Digits(s, 17, 2, out second))) return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        ms = (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
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
