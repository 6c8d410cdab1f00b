using Lyra.Data.Candles;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Testing;

namespace Lyra.Data.Tests;

/// <summary>The columnar CSV path reads exactly what the full loader reads, and leaves every doubtful file to it.</summary>
public sealed class FastCsvReaderTests
{
    private static string Write(string name, IEnumerable<string> lines)
    {
        var dir = Directory.CreateTempSubdirectory("lyra-fastcsv-");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void Same(CandleSeries expected, CandleSeries actual)
    {
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.Open, actual.Open);
        Assert.Equal(expected.High, actual.High);
        Assert.Equal(expected.Low, actual.Low);
        Assert.Equal(expected.Close, actual.Close);
        Assert.Equal(expected.Volume, actual.Volume);
    }

    [Fact]
    public async Task A_clean_file_with_a_header_reads_exactly_as_the_loader_reads_it_gaps_included()
    {
        var candles = SyntheticSeries.Generate(5_000, 3, Timeframe.OneMinute, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)).ToList();
        candles.RemoveRange(1000, 7); // a gap of 8 minutes
        var path = Write("btc.csv", candles.Select(c => FormattableString.Invariant($"{c.OpenTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}"))
            .Prepend("Date,Open,High,Low,Close,Volume"));

        var (loaded, quality) = await CandleFileLoader.LoadAsync(path, RepairPolicy.None);
        var fast = FastCsvReader.TryRead(path);
        Assert.NotNull(fast);
        Same(CandleSeries.From(loaded), fast.Value.Series);
        Assert.Equal(quality with { Examples = [] }, fast.Value.Report with { Examples = [] });
        Assert.Equal(1, fast.Value.Report.Gaps);
    }

    [Fact]
    public async Task A_file_big_enough_to_be_cut_into_parts_reads_as_the_loader_reads_it_across_the_cuts()
    {
        // ~2.5 MB: read in one part per core, cut at line ends; CRLF line ends, a BOM, a blank line and a gap on the way.
        var candles = SyntheticSeries.Generate(40_000, 9, Timeframe.OneMinute, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)).ToList();
        candles.RemoveRange(20_000, 3);
        var lines = candles.Select(c => FormattableString.Invariant($"{c.OpenTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}")).ToList();
        lines.Insert(30_000, "");
        var dir = Directory.CreateTempSubdirectory("lyra-fastcsv-");
        var path = Path.Combine(dir.FullName, "big.csv");
        await File.WriteAllTextAsync(path, "\uFEFFDate,Open,High,Low,Close,Volume\r\n" + string.Join("\r\n", lines) + "\r\n", new System.Text.UTF8Encoding(false));
        Assert.True(new FileInfo(path).Length > 2 << 20);

        var (loaded, quality) = await CandleFileLoader.LoadAsync(path, RepairPolicy.None);
        var fast = FastCsvReader.TryRead(path);
        Assert.NotNull(fast);
        Same(CandleSeries.From(loaded), fast.Value.Series);
        Assert.Equal((quality.Rows, quality.Gaps, quality.LargestGap), (fast.Value.Report.Rows, fast.Value.Report.Gaps, fast.Value.Report.LargestGap));

        // Out of order (the second half moved before the first; the break falls near the cut): the loader's business.
        var swapped = lines[20_000..].Concat(lines[..20_000]).Prepend("Date,Open,High,Low,Close,Volume");
        Assert.Null(FastCsvReader.TryRead(Write("swapped.csv", swapped)));
    }

    [Fact]
    public async Task Big_binance_rows_without_a_last_line_end_read_every_row_across_the_cuts_and_buffers()
    {
        // ~3 MB of kline rows without a header: two parts, each read through several buffer refills, and the last row
        // has no line end (it still counts, and its slot is filled).
        var candles = SyntheticSeries.Generate(30_000, 5, Timeframe.OneMinute, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)).ToList();
        var rows = candles.Select(c => FormattableString.Invariant(
            $"{c.OpenTime.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume},{c.OpenTime.ToUnixTimeMilliseconds() + 59_999},1000.5,10,5,500,0"));
        var dir = Directory.CreateTempSubdirectory("lyra-fastcsv-");
        var path = Path.Combine(dir.FullName, "klines.csv");
        await File.WriteAllTextAsync(path, string.Join("\n", rows));
        Assert.True(new FileInfo(path).Length > 2 << 20);

        var fast = FastCsvReader.TryRead(path);
        Assert.NotNull(fast);
        Same(CandleSeries.From(candles), fast.Value.Series);
    }

    [Theory]
    [InlineData("1709251200000")] // ms
    [InlineData("1709251200")] // s
    [InlineData("1709251200000000")] // µs
    [InlineData("2024-03-01T00:00:00Z")]
    [InlineData("2024-03-01 00:00")]
    public void Binance_rows_and_every_time_form_the_loader_takes_are_read(string first)
    {
        var path = Write("k.csv", [$"{first},100.5,101,99.5,100.75,12.5,1709251259999,1260.1,10,5,500,0", "1709251260000,100.75,102,100,101.5,3,1709251319999,300,3,1,100,0"]);
        var fast = FastCsvReader.TryRead(path);
        Assert.NotNull(fast);
        Assert.Equal([1709251200000L, 1709251260000L], fast.Value.Series.Time);
        Assert.Equal([100.75, 101.5], fast.Value.Series.Close);
    }

    [Theory]
    [InlineData("2024-03-01 00:01:00,1,2,0.5,1.5,1", "2024-03-01 00:00:00,1,2,0.5,1.5,1")] // out of order
    [InlineData("2024-03-01 00:00:00,1,2,0.5,1.5,1", "2024-03-01 00:00:00,1,2,0.5,1.5,1")] // duplicate
    [InlineData("2024-03-01 00:00:00,1,2,0.5,3,1", "2024-03-01 00:01:00,1,2,0.5,1.5,1")] // close above high
    [InlineData("01/03/2024,1,2,0.5,1.5,1", "02/03/2024,1,2,0.5,1.5,1")] // a date form it does not take
    [InlineData("2024-03-01 00:00:00,1,2,0.5,x,1", "2024-03-01 00:01:00,1,2,0.5,1.5,1")] // not a number
    [InlineData("2024-02-30 00:00:00,1,2,0.5,1.5,1", "2024-03-01 00:01:00,1,2,0.5,1.5,1")] // no such day
    public void A_doubtful_file_is_left_to_the_loader(string row1, string row2)
    {
        Assert.Null(FastCsvReader.TryRead(Write("bad.csv", ["Date,Open,High,Low,Close,Volume", row1, row2])));
    }

    [Fact]
    public void Numbers_read_by_the_fast_path_are_the_doubles_double_parse_gives()
    {
        string[] numbers = ["1", "0.1", "0.3", "123.45", "0.000123", "99999.99999", "1.0716", "1.07219", "42.4242424242424", "7", "0.1234567890123456789", "1e3", "1.5E-2",
            "12345678901234567890.5", ".5", "100.", "00012.50", "123456789012345", "1234567890123456", "99999.9999999999", "0.000000000000001",
            "0.00000000000001", "4503599627370497.5", "0.30000000000000004", "1.7976931348623157"];
        var rows = numbers.Select((x, i) => FormattableString.Invariant($"{1709251200000L + (i * 60_000L)},{x},{x},{x},{x},{x}"));
        var fast = FastCsvReader.TryRead(Write("n.csv", rows));
        Assert.NotNull(fast);
        Assert.Equal(numbers.Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)), fast.Value.Series.Close);
    }

    [Fact]
    public void Random_plain_decimals_of_every_length_read_as_double_parse_reads_them()
    {
        // 1 to 17 digits with the point anywhere: both the short exact path and the long ones Sep parses.
        var random = new Random(11);
        var numbers = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var digits = string.Concat(Enumerable.Range(0, random.Next(1, 18)).Select(_ => (char)('0' + random.Next(10))));
            if (digits.All(c => c == '0')) digits = "7" + digits;
            var point = random.Next(0, digits.Length + 1);
            return point == digits.Length ? digits : digits[..point] + "." + digits[point..];
        }).ToList();
        var rows = numbers.Select((x, i) => FormattableString.Invariant($"{1709251200000L + (i * 60_000L)},{x},{x},{x},{x},{x}"));
        var fast = FastCsvReader.TryRead(Write("r.csv", rows));
        Assert.NotNull(fast);
        Assert.Equal(numbers.Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)), fast.Value.Series.Close);
        Assert.Equal(fast.Value.Series.Close, fast.Value.Series.Volume);
    }

    [Fact]
    public void Json_and_files_without_the_columns_are_not_read_here()
    {
        Assert.Null(FastCsvReader.TryRead(Write("x.json", ["[[1709251200000,1,2,0.5,1.5,1]]"])));
        Assert.Null(FastCsvReader.TryRead(Write("y.csv", ["Date,Open,High,Low,Close", "2024-03-01,1,2,0.5,1.5"])));
    }

    [SharedDataFact("GOOG.csv")]
    public async Task The_shared_daily_stock_file_reads_the_same_both_ways() => await SameBothWaysAsync("GOOG.csv");

    [SharedDataFact("EURUSD.csv")]
    public async Task The_shared_hourly_fx_file_reads_the_same_both_ways() => await SameBothWaysAsync("EURUSD.csv");

    private static async Task SameBothWaysAsync(string file)
    {
        var path = RepoPaths.Shared(file);
        var (loaded, _) = await CandleFileLoader.LoadAsync(path, RepairPolicy.None);
        var fast = FastCsvReader.TryRead(path);
        Assert.NotNull(fast);
        Same(CandleSeries.From(loaded), fast.Value.Series);
    }
}
