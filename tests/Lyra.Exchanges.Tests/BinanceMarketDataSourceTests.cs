using Lyra.Data.Markets;
using Lyra.Exchanges.Binance;
using Lyra.Testing;

namespace Lyra.Exchanges.Tests;

/// <summary>The real client against a loopback server speaking Binance's klines wire format.</summary>
public sealed class BinanceMarketDataSourceTests : IAsyncLifetime
{
    private FakeBinanceServer _server = null!;
    private HttpClient _http = null!;
    private static readonly Market Btc = Market.Parse("binance:BTCUSDT:1m");

    public async Task InitializeAsync()
    {
        _server = await FakeBinanceServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Returns_closed_candles_only_and_parses_the_string_prices()
    {
        var candles = TestCandles.FromCloses([100.5m, 101.25m, 102m, 103m]);
        _server.SetSeries("BTCUSDT", candles);
        var now = TestCandles.Start.AddMinutes(3.5); // the 00:03 candle is open
        _server.NowMs = now.ToUnixTimeMilliseconds();
        var got = await new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, now, 100);
        Assert.Equal(candles.Take(3), got);
        Assert.Contains("symbol=BTCUSDT&interval=1m", _server.Requests.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_through_more_than_a_thousand_candles_after_the_last_stored_one()
    {
        var candles = TestCandles.FromCloses(Enumerable.Range(0, 2600).Select(i => 100m + (i % 50)).ToList());
        _server.SetSeries("BTCUSDT", candles);
        var now = candles[^1].OpenTime.AddMinutes(1);
        var got = await new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, candles[99].OpenTime, now, 5000);
        Assert.Equal(candles.Skip(100), got);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, q => Assert.Contains("limit=1000", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_symbol_surfaces_binances_code_and_message()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Market.Parse("binance:NOPE:1m"), null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal((400, -1121), (e.HttpStatus, e.Code));
        Assert.Contains("Invalid symbol.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limiting_reports_retry_after()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        _server.RateLimitNext(1);
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal(429, e.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal("rate_limited", e.ErrorCode);
    }

    [Fact]
    public async Task Server_errors_are_dependency_failures()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([1m]));
        _server.FailNext(1);
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() =>
            new BinanceMarketDataSource(_http).GetClosedCandlesAsync(Btc, null, TestCandles.Start.AddDays(1), 10));
        Assert.Equal(("dependency_unavailable", -1000), (e.ErrorCode, e.Code));
    }

    [Fact]
    public async Task Ticker_and_book_top_parse_binance_strings()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([100m, 101.5m]));
        var source = new BinanceMarketDataSource(_http);
        var t = await source.GetTickerAsync("BTCUSDT");
        Assert.Equal((101.5m, 101.49m, 101.51m), (t.Last, t.Bid, t.Ask));
        var book = await source.GetOrderBookAsync("BTCUSDT", 3);
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(new Lyra.Exchanges.Venues.BookLevel(101.51m, 2.5m), book.Asks[0]);
        Assert.Equal(9, source.UsedWeight); // X-MBX-USED-WEIGHT-1M of the last answer
        var e = await Assert.ThrowsAsync<ExchangeApiException>(() => source.GetTickerAsync("NOPE"));
        Assert.Equal(-1121, e.Code);
    }

    [Fact]
    public async Task After_a_429_nothing_is_sent_until_its_retry_after_has_passed()
    {
        _server.SetSeries("BTCUSDT", TestCandles.FromCloses([100m, 101m]));
        var source = new BinanceMarketDataSource(_http);
        _server.RateLimitNext(1);
        var first = await Assert.ThrowsAsync<ExchangeApiException>(() => source.GetTickerAsync("BTCUSDT"));
        Assert.Equal((429, TimeSpan.FromSeconds(7)), (first.HttpStatus, first.RetryAfter));
        var sent = _server.BookRequests;
        var second = await Assert.ThrowsAsync<ExchangeApiException>(() => source.GetOrderBookAsync("BTCUSDT", 5));
        Assert.Contains("not sent", second.Message, StringComparison.Ordinal);
        Assert.Equal(sent, _server.BookRequests);
    }
}
