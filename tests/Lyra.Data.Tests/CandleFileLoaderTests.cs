using Lyra.Data.Loading;
using Lyra.Testing;

namespace Lyra.Data.Tests;

public sealed class CandleFileLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-loader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [SharedDataFact("GOOG.csv")]
    public async Task Loads_daily_ohlcv_csv_with_an_unnamed_date_column()
    {
        var candles = await CandleFileLoader.LoadAsync(RepoPaths.Shared("GOOG.csv"));
        var lines = File.ReadAllLines(RepoPaths.Shared("GOOG.csv")).Count(l => l.Length > 0) - 1;
        Assert.Equal(lines, candles.Count);
        var first = candles[0];
        Assert.Equal(new DateTimeOffset(2004, 8, 19, 0, 0, 0, TimeSpan.Zero), first.OpenTime);
        Assert.Equal((100m, 104.06m, 95.96m, 100.34m, 22351900m), (first.Open, first.High, first.Low, first.Close, first.Volume));
    }

    [SharedDataFact("EURUSD.csv")]
    public async Task Loads_intraday_csv_timestamps_as_utc()
    {
        var candles = await CandleFileLoader.LoadAsync(RepoPaths.Shared("EURUSD.csv"));
        Assert.Equal(new DateTimeOffset(2017, 4, 19, 9, 0, 0, TimeSpan.Zero), candles[0].OpenTime);
        Assert.Equal(TimeSpan.FromHours(1), candles[1].OpenTime - candles[0].OpenTime);
        Assert.Equal(1.07219m, candles[0].Close);
    }

    [SharedDataFact("UNITTEST_BTC-1m.json")]
    public async Task Loads_freqtrade_json_rows()
    {
        var candles = await CandleFileLoader.LoadAsync(RepoPaths.Shared("UNITTEST_BTC-1m.json"));
        Assert.Equal(13681, candles.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1509836520000), candles[0].OpenTime);
        Assert.Equal(0.00162008m, candles[0].Open);
        Assert.Equal(108.14853839m, candles[0].Volume);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1510700340000), candles[^1].OpenTime);
    }

    [SharedDataFact("BTCUSD.csv")]
    public async Task Loads_monthly_csv()
    {
        var candles = await CandleFileLoader.LoadAsync(RepoPaths.Shared("BTCUSD.csv"));
        Assert.Equal(new DateTimeOffset(2012, 1, 31, 0, 0, 0, TimeSpan.Zero), candles[0].OpenTime);
        Assert.Equal(5.55m, candles[0].Close);
    }

    [Theory]
    [InlineData("1700000000000")]
    [InlineData("1700000000000000")]
    public async Task Loads_binance_kline_csv_in_ms_or_microseconds(string firstOpen)
    {
        var second = firstOpen.Length == 13 ? "1700000060000" : "1700000060000000";
        var path = Write("BTCUSDT-1m.csv",
            $"{firstOpen},37000.1,37010.0,36990.5,37005.2,12.5,1700000059999,462000.0,100,6.0,222000.0,0\n" +
            $"{second},37005.2,37020.0,37000.0,37015.0,8.25,1700000119999,305000.0,80,4.0,150000.0,0\n");
        var candles = await CandleFileLoader.LoadAsync(path);
        Assert.Equal(2, candles.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), candles[0].OpenTime);
        Assert.Equal(37015.0m, candles[1].Close);
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-01,1,2,0.5,1.5,10\n", 3, "before the previous row")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-01,1,2,0.5,1.5,10\n", 3, "duplicate timestamp")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,2.5,10\n", 2, "open/close above high")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,abc,10\n", 3, "close 'abc' is not a number")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,NaN,10\n", 2, "close 'NaN' is not a number")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,-1,2,0.5,1.5,10\n", 2, "prices must be positive")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,-3\n", 2, "volume must not be negative")]
    [InlineData("Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5\n", 2, "expected at least 6 columns")]
    [InlineData("Date,Open,High,Low,Close\n2024-01-01,1,2,0.5,1.5\n", 1, "no 'Volume' column")]
    [InlineData("Date,Open,High,Low,Close,Volume\n01/02/2024,1,2,0.5,1.5,10\n", 2, "is not a date")]
    [InlineData("Date,Open,High,Low,Close,Volume\n", 1, "holds no candles")]
    public async Task Bad_csv_rows_stop_with_file_line_and_reason(string content, int line, string reason)
    {
        var path = Write("bad.csv", content);
        var e = await Assert.ThrowsAsync<DataFormatException>(() => CandleFileLoader.LoadAsync(path));
        Assert.Equal("bad.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.csv: line {line}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[1700000000000,1,2,0.5,1.5,10],[1700000060000,1,2,0.5]]", 2, "expected [ms, open, high, low, close, volume]")]
    [InlineData("[[1700000000000,1,2,0.5,1.5,10],[1700000060000,\"1\",2,0.5,1.5,1]]", 2, "column 2 is not a number")]
    [InlineData("{\"a\":1}", 1, "expected a JSON array")]
    [InlineData("[[1700000060000,1,2,0.5,1.5,10],[1700000000000,1,2,0.5,1.5,10]]", 2, "before the previous row")]
    public async Task Bad_json_rows_stop_with_file_row_and_reason(string content, int row, string reason)
    {
        var path = Write("bad.json", content);
        var e = await Assert.ThrowsAsync<DataFormatException>(() => CandleFileLoader.LoadAsync(path));
        Assert.Equal(row, e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_json_is_reported_as_invalid_json()
    {
        var path = Write("cut.json", "[[1700000000000,1,2,0.5,1.5,10],[17000");
        var e = await Assert.ThrowsAsync<DataFormatException>(() => CandleFileLoader.LoadAsync(path));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_says_which()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => CandleFileLoader.LoadAsync(Path.Combine(_dir, "nope.csv")));
        Assert.Contains("nope.csv", e.Message, StringComparison.Ordinal);
    }
}

public sealed class RepairPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lyra-repair-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(IReadOnlyList<Lyra.Data.Candles.Candle> Candles, DataQualityReport Report)> LoadAsync(string content, string repair)
    {
        var path = Path.Combine(_dir, "d.csv");
        await File.WriteAllTextAsync(path, content);
        return await CandleFileLoader.LoadAsync(path, RepairPolicies.Parse(repair));
    }

    private const string Header = "Date,Open,High,Low,Close,Volume\n";

    [Fact]
    public async Task Sort_orders_rows_and_keeps_the_last_duplicate()
    {
        var (c, r) = await LoadAsync(Header + "2024-01-03,3,4,2,3,1\n2024-01-01,1,2,0.5,1,1\n2024-01-02,2,3,1,2,1\n2024-01-02,2,3,1,2.5,9\n", "sort");
        Assert.Equal([1m, 2.5m, 3m], c.Select(x => x.Close));
        Assert.True(r.Sorted);
        Assert.Equal(1, r.DuplicatesDropped);
        Assert.Contains("line 5: duplicate of line 4", r.Examples);
    }

    [Fact]
    public async Task Drop_invalid_removes_bad_rows_and_names_them()
    {
        var (c, r) = await LoadAsync(Header + "2024-01-01,1,2,0.5,1,1\n2024-01-02,2,1,1,2,1\n2024-01-03,-3,4,2,3,1\n2024-01-04,3,4,2,3,1\n", "drop-invalid");
        Assert.Equal(2, c.Count);
        Assert.Equal(2, r.InvalidDropped);
        Assert.Contains(r.Examples, e => e.StartsWith("line 3: ", StringComparison.Ordinal));
        Assert.Contains(r.Examples, e => e == "line 4: prices must be positive");
    }

    [Fact]
    public async Task Gaps_are_reported_and_filled_flat_only_when_asked()
    {
        const string data = Header + "2024-01-01 00:00:00,1,2,0.5,1,1\n2024-01-01 00:01:00,1,2,0.5,1.5,1\n2024-01-01 00:04:00,2,3,1,2,1\n";
        var (kept, report) = await LoadAsync(data, "none");
        Assert.Equal(3, kept.Count);
        Assert.Equal((1, 0, TimeSpan.FromMinutes(3)), (report.Gaps, report.GapBarsFilled, report.LargestGap));
        Assert.Contains("--repair fill-gaps", report.Summary(), StringComparison.Ordinal);
        var (filled, r2) = await LoadAsync(data, "fill-gaps");
        Assert.Equal(5, filled.Count);
        Assert.Equal(2, r2.GapBarsFilled);
        Assert.Equal((1.5m, 1.5m, 0m), (filled[2].Open, filled[3].Close, filled[3].Volume));
        Assert.Equal(TimeSpan.FromMinutes(1), filled[3].OpenTime - filled[2].OpenTime);
    }

    [Fact]
    public void Unknown_repairs_are_refused()
    {
        var e = Assert.Throws<Lyra.Core.Errors.ValidationException>(() => RepairPolicies.Parse("sort,magic"));
        Assert.Contains("'magic' is not a repair", e.Message, StringComparison.Ordinal);
        Assert.Equal(RepairPolicy.Sort | RepairPolicy.DropInvalid | RepairPolicy.FillGaps, RepairPolicies.Parse("all"));
    }
}

public sealed class GapDetectionTests
{
    [SharedDataFact("BTCUSD.csv")]
    public async Task Calendar_months_are_not_gaps()
    {
        var (_, report) = await CandleFileLoader.LoadAsync(Lyra.Testing.RepoPaths.Shared("BTCUSD.csv"), RepairPolicy.None);
        Assert.Equal(0, report.Gaps);
        Assert.Null(report.Summary());
    }

    [SharedDataFact("GOOG.csv")]
    public async Task Weekends_in_daily_stock_data_are_reported_as_gaps()
    {
        var (_, report) = await CandleFileLoader.LoadAsync(Lyra.Testing.RepoPaths.Shared("GOOG.csv"), RepairPolicy.None);
        Assert.True(report.Gaps > 400);
        Assert.True(report.LargestGap >= TimeSpan.FromDays(3));
    }
}
