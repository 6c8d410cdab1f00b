using System.Globalization;
using System.Net;
using System.Text.Json;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Sources;

namespace Lyra.Exchanges.Binance;

/// <summary>
/// Binance's public market data (no API key): closed candles from <c>GET /api/v3/klines</c> (paged 1000 at a time, the
/// still-open candle dropped), the 24 h ticker and the order book top. Errors (<c>{"code":-1121,"msg":"Invalid symbol."}</c>,
/// 429/418 with <c>Retry-After</c>) become <see cref="ExchangeApiException"/>. After a 429 or 418 nothing is sent until
/// the Retry-After has passed (a 418 is an IP ban for repeating past a 429), and a request whose weight would take the
/// minute's used weight (<c>X-MBX-USED-WEIGHT-1M</c>) past 90 % of 6,000 waits for the next minute.
/// </summary>
public sealed class BinanceMarketDataSource(HttpClient http, TimeProvider? time = null) : IMarketDataSource
{
    /// <summary>Binance's request-weight limit per minute and IP.</summary>
    public const int WeightPerMinute = 6000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _pausedUntilTicks;
    private int _usedWeight;
    private long _usedMinute;

    /// <summary>The minute's weight as Binance last reported it.</summary>
    public int UsedWeight => Volatile.Read(ref _usedWeight);

    /// <summary>Binance's largest page.</summary>
    public const int MaxLimit = 1000;

    /// <inheritdoc />
    public string Name => "binance";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default)
    {
        var tfMs = market.Timeframe.Milliseconds;
        var nowMs = now.ToUnixTimeMilliseconds();
        var start = after is null ? nowMs - (tfMs * (maxCandles + 1)) : after.Value.ToUnixTimeMilliseconds() + 1;
        var result = new List<Candle>();
        while (result.Count < maxCandles)
        {
            var limit = Math.Min(MaxLimit, maxCandles - result.Count + 1);
            var url = string.Create(CultureInfo.InvariantCulture, $"api/v3/klines?symbol={market.Symbol}&interval={market.Timeframe.Code}&startTime={start}&limit={limit}");
            var page = await GetPageAsync(url, cancellationToken);
            var closedInPage = 0;
            foreach (var k in page)
            {
                // k[6] is the close time (open + interval - 1 ms); the candle is closed once it has passed.
                if (k.CloseTime >= nowMs || result.Count >= maxCandles) break;
                result.Add(k.Candle);
                closedInPage++;
            }

            if (page.Count < limit || closedInPage < page.Count || page.Count == 0) break;
            start = page[^1].Candle.OpenTime.ToUnixTimeMilliseconds() + 1;
        }

        return result;
    }

    /// <summary>The 24 h ticker of <paramref name="symbol"/> (<c>GET /api/v3/ticker/24hr</c>, weight 2).</summary>
    public async Task<Venues.Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var body = await GetAsync($"api/v3/ticker/24hr?symbol={Uri.EscapeDataString(symbol)}", 2, cancellationToken);
        return Read(body, "ticker", root => new Venues.Ticker(root.GetProperty("symbol").GetString()!, Num(root.GetProperty("lastPrice")), Num(root.GetProperty("bidPrice")),
            Num(root.GetProperty("askPrice")), Num(root.GetProperty("volume")), DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("closeTime").GetInt64())));
    }

    /// <summary>The top <paramref name="depth"/> levels of the book (<c>GET /api/v3/depth</c>, weight 5 up to 100 levels).</summary>
    public async Task<Venues.OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default)
    {
        var limit = depth <= 5 ? 5 : depth <= 10 ? 10 : depth <= 20 ? 20 : depth <= 50 ? 50 : 100;
        var body = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v3/depth?symbol={Uri.EscapeDataString(symbol)}&limit={limit}"), 5, cancellationToken);
        return Read(body, "depth", root =>
        {
            List<Venues.BookLevel> Side(string name) => [.. root.GetProperty(name).EnumerateArray().Take(depth).Select(r => new Venues.BookLevel(Num(r[0]), Num(r[1])))];
            return new Venues.OrderBook(symbol, Side("bids"), Side("asks"), _time.GetUtcNow());
        });
    }

    private static T Read<T>(string body, string what, Func<JsonElement, T> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return read(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            throw new ExchangeApiException("binance", 200, null, $"unexpected {what} payload: {e.Message}");
        }
    }

    // One GET under the limits: the pause after a 429/418, and the minute's weight.
    private async Task<string> GetAsync(string url, int weight, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var paused = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - now;
        if (paused > TimeSpan.Zero)
        {
            throw new ExchangeApiException("binance", 429, -1003, $"not sent: Binance asked to wait {paused.TotalSeconds:0} s more (Retry-After)", paused);
        }

        var minute = now.ToUnixTimeSeconds() / 60;
        if (Interlocked.Read(ref _usedMinute) == minute && Volatile.Read(ref _usedWeight) + weight > WeightPerMinute * 9 / 10)
        {
            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now, _time, cancellationToken);
        }

        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1M", out var used) && int.TryParse(used.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var w))
        {
            Interlocked.Exchange(ref _usedMinute, _time.GetUtcNow().ToUnixTimeSeconds() / 60);
            Volatile.Write(ref _usedWeight, w);
        }

        if (response.IsSuccessStatusCode) return body;
        var error = ToError(response, body);
        if (error.RetryAfter is { } wait) Interlocked.Exchange(ref _pausedUntilTicks, (_time.GetUtcNow() + wait).UtcTicks);
        throw error;
    }

    private async Task<List<(Candle Candle, long CloseTime)>> GetPageAsync(string url, CancellationToken cancellationToken)
    {
        var body = await GetAsync(url, 2, cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var rows = new List<(Candle, long)>(doc.RootElement.GetArrayLength());
            foreach (var k in doc.RootElement.EnumerateArray())
            {
                var candle = new Candle(
                    DateTimeOffset.FromUnixTimeMilliseconds(k[0].GetInt64()),
                    Num(k[1]), Num(k[2]), Num(k[3]), Num(k[4]), Num(k[5]));
                rows.Add((candle, k[6].GetInt64()));
            }

            return rows;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new ExchangeApiException("binance", 200, null, "unexpected klines payload: " + e.Message);
        }
    }

    private static decimal Num(JsonElement e) => decimal.Parse(e.GetString() ?? "", NumberStyles.Float, CultureInfo.InvariantCulture);

    private static ExchangeApiException ToError(HttpResponseMessage response, string body)
    {
        int? code = null;
        var msg = body.Length > 200 ? body[..200] : body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci)) code = ci;
            if (doc.RootElement.TryGetProperty("msg", out var m)) msg = m.GetString() ?? msg;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or WAF page): keep the raw text.
        }

        TimeSpan? retry = response.Headers.RetryAfter?.Delta;
        if (retry is null && response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418) retry = TimeSpan.FromSeconds(60);
        return new ExchangeApiException("binance", (int)response.StatusCode, code, msg, retry);
    }
}
