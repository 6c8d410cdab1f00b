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
        // A header, or Binance rows from the first line on.
        string firstLine;
        using (var peek = new StreamReader(path))
        {
            firstLine = peek.ReadLine() ?? "";
        }

        var head = firstLine.TrimStart();
        var hasHeader = head.Length == 0 || !char.IsAsciiDigit(head[0]);
        int[] cols = [0, 1, 2, 3, 4, 5];
        if (hasHeader)
        {
            if (Header(firstLine.Split(',')) is not { } mapped) return null;
            cols = mapped;
        }

        var n = 0;
        using var reader = Sep.Reader(x => x with { HasHeader = hasHeader, DisableColCountCheck = true }).FromFile(path);
        // Rows are parsed on every core (Sep keeps their order); checks and columns stay on this one.
        foreach (var r in reader.ParallelEnumerate(row => Parse(row, cols)))
        {
            if (r.Blank) continue;
            if (!r.Ok) return null;
            if (n == t.Length) Resize(t.Length * 2);

            if (n > 0 && r.Time <= t[n - 1]) return null;
            (t[n], o[n], h[n], l[n], c[n], v[n]) = (r.Time, r.Open, r.High, r.Low, r.Close, r.Volume);
            n++;
        }

        if (n == 0) return null;
        Resize(n);
        return (new CandleSeries(t, o, h, l, c, v), Gaps(t));

        void Resize(int size)
        {
            Array.Resize(ref t, size);
            Array.Resize(ref o, size);
            Array.Resize(ref h, size);
            Array.Resize(ref l, size);
            Array.Resize(ref c, size);
            Array.Resize(ref v, size);
        }
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

    private readonly record struct Row(bool Ok, bool Blank, long Time, double Open, double High, double Low, double Close, double Volume);

    private static Row Parse(SepReader.Row row, int[] cols)
    {
        if (row.ColCount == 1 && row[0].Span.IsEmpty) return new Row(true, true, 0, 0, 0, 0, 0, 0);
        if (row.ColCount < 6
            || !TryTime(row[cols[0]].Span.Trim(), out var time)
            || !TryNumber(row[cols[1]].Span, out var open) || !TryNumber(row[cols[2]].Span, out var high)
            || !TryNumber(row[cols[3]].Span, out var low) || !TryNumber(row[cols[4]].Span, out var close) || !TryNumber(row[cols[5]].Span, out var volume))
        {
            return default;
        }

        // The loader's checks (Candle.Problem): anything it would stop at, it reads and explains.
        var ok = open > 0 && high > 0 && low > 0 && close > 0 && volume >= 0 && low <= high && open <= high && close <= high && open >= low && close >= low;
        return new Row(ok, false, time, open, high, low, close, volume);
    }

    private static int[]? Header(string[] cells)
    {
        var names = cells.Select(x => x.Trim()).ToArray();
        int Find(string name) => Array.FindIndex(names, x => x.Equals(name, StringComparison.OrdinalIgnoreCase));
        int[] cols = [0, Find("Open"), Find("High"), Find("Low"), Find("Close"), Find("Volume")];
        return cols.Any(x => x < 0) ? null : cols;
    }

    // Powers of ten that are exact doubles (10^0 .. 10^22).
    private static readonly double[] Pow10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    // Plain decimals ("123.4500") by Clinger's fast path: with at most 15 significant digits the digits are an exact
    // double m and 10^k is exact for k ≤ 22, so m / 10^k is the correctly rounded value — the same double.TryParse
    // returns, several times faster. Anything else (more digits, exponents, signs, spaces) goes to double.TryParse.
    private static bool TryNumber(ReadOnlySpan<char> s, out double value)
    {
        if (s.Length is > 0 and <= 24)
        {
            long mantissa = 0;
            int digits = 0, scale = -1;
            var plain = true;
            for (var i = 0; i < s.Length; i++)
            {
                var ch = s[i];
                if (char.IsAsciiDigit(ch))
                {
                    if (mantissa != 0 || ch != '0') digits++;
                    mantissa = (mantissa * 10) + (ch - '0');
                    if (scale >= 0) scale++;
                }
                else if (ch == '.' && scale < 0)
                {
                    scale = 0;
                }
                else
                {
                    plain = false;
                    break;
                }
            }

            if (plain && digits <= 15 && scale != 0 && scale <= 22 && s[^1] != '.')
            {
                value = scale < 0 ? mantissa : mantissa / Pow10[scale];
                return true;
            }
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

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
