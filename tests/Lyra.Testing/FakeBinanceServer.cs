using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Lyra.Data.Candles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Testing;

/// <summary>
/// A loopback stand-in for Binance's public REST market data: <c>GET /api/v3/klines</c> with the documented
/// parameters (symbol, interval, startTime, endTime, limit ≤ 1000), the documented row format (strings for prices,
/// close time = open + interval - 1 ms, the still-open candle included) and the documented errors
/// (<c>{"code":-1121,"msg":"Invalid symbol."}</c>, -1120 invalid interval, -1102 missing parameter, 429 with Retry-After).
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    private static readonly Dictionary<string, long> IntervalMs = new(StringComparer.Ordinal)
    {
        ["1m"] = 60_000, ["3m"] = 180_000, ["5m"] = 300_000, ["15m"] = 900_000, ["30m"] = 1_800_000, ["1h"] = 3_600_000,
        ["2h"] = 7_200_000, ["4h"] = 14_400_000, ["6h"] = 21_600_000, ["12h"] = 43_200_000, ["1d"] = 86_400_000,
    };

    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Candle>> _series = new(StringComparer.Ordinal);
    private int _rateLimitNext;
    private int _serverErrorNext;


    /// <summary>Base address, for example <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Query strings of every klines request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The server's "now" (epoch ms); candles whose close time is at or after it are still open.</summary>
    public long NowMs { get; set; } = long.MaxValue;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeBinanceServer> StartAsync()
    {
        var server = new FakeBinanceServer();
        (server._app, server.BaseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v3/klines", (Func<HttpContext, Task>)server.KlinesAsync);
            app.MapGet("/api/v3/ticker/24hr", (Func<HttpContext, Task>)server.TickerAsync);
            app.MapGet("/api/v3/depth", (Func<HttpContext, Task>)server.DepthAsync);
        });
        return server;
    }

    /// <summary>Serves <paramref name="candles"/> (1m unless told otherwise by the request) for <paramref name="symbol"/>.</summary>
    public void SetSeries(string symbol, IReadOnlyList<Candle> candles) => _series[symbol] = candles;

    /// <summary>Answers the next <paramref name="count"/> requests with 429 and Retry-After.</summary>
    public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimitNext, count);

    /// <summary>Answers the next <paramref name="count"/> requests with 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _serverErrorNext, count);

    private async Task KlinesAsync(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        Requests.Enqueue(ctx.Request.QueryString.Value ?? "");
        if (Interlocked.Decrement(ref _rateLimitNext) >= 0)
        {
            ctx.Response.Headers.RetryAfter = "7";
            await Error(ctx, 429, -1003, "Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.");
            return;
        }

        if (Interlocked.Decrement(ref _serverErrorNext) >= 0)
        {
            await Error(ctx, 500, -1000, "An unknown error occurred while processing the request.");
            return;
        }

        var symbol = q["symbol"].ToString();
        var interval = q["interval"].ToString();
        if (symbol.Length == 0) { await Error(ctx, 400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."); return; }
        if (interval.Length == 0) { await Error(ctx, 400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed."); return; }
        if (!_series.TryGetValue(symbol, out var candles)) { await Error(ctx, 400, -1121, "Invalid symbol."); return; }
        if (!IntervalMs.TryGetValue(interval, out var tf)) { await Error(ctx, 400, -1120, "Invalid interval."); return; }
        var limit = 500;
        if (q["limit"].Count > 0 && (!int.TryParse(q["limit"], out limit) || limit < 1 || limit > 1000))
        {
            await Error(ctx, 400, -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
            return;
        }

        long? start = q["startTime"].Count > 0 ? long.Parse(q["startTime"]!, CultureInfo.InvariantCulture) : null;
        long? end = q["endTime"].Count > 0 ? long.Parse(q["endTime"]!, CultureInfo.InvariantCulture) : null;
        // Only candles that have opened by "now" exist; the newest may still be open.
        var visible = candles.Where(c => c.OpenTime.ToUnixTimeMilliseconds() <= NowMs).ToList();
        IEnumerable<Candle> rows = visible;
        if (start is not null) rows = rows.Where(c => c.OpenTime.ToUnixTimeMilliseconds() >= start);
        if (end is not null) rows = rows.Where(c => c.OpenTime.ToUnixTimeMilliseconds() <= end);
        var list = start is null ? rows.TakeLast(limit).ToList() : rows.Take(limit).ToList();

        ctx.Response.ContentType = "application/json;charset=UTF-8";
        ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = "2";
        await using var w = new Utf8JsonWriter(ctx.Response.Body);
        w.WriteStartArray();
        foreach (var c in list)
        {
            var open = c.OpenTime.ToUnixTimeMilliseconds();
            w.WriteStartArray();
            w.WriteNumberValue(open);
            w.WriteStringValue(Fmt(c.Open));
            w.WriteStringValue(Fmt(c.High));
            w.WriteStringValue(Fmt(c.Low));
            w.WriteStringValue(Fmt(c.Close));
            w.WriteStringValue(Fmt(c.Volume));
            w.WriteNumberValue(open + tf - 1);
            w.WriteStringValue(Fmt(c.Volume * c.Close));
            w.WriteNumberValue(42);
            w.WriteStringValue(Fmt(c.Volume / 2));
            w.WriteStringValue(Fmt(c.Volume * c.Close / 2));
            w.WriteStringValue("0");
            w.WriteEndArray();
        }

        w.WriteEndArray();
        await w.FlushAsync();
    }

    /// <summary>Requests to the ticker and depth endpoints.</summary>
    public int BookRequests => Volatile.Read(ref _bookRequests);

    private int _bookRequests;

    // GET /api/v3/ticker/24hr?symbol= (weight 2): the last candle's close, bid and ask a cent around it.
    private async Task TickerAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _bookRequests);
        if (await RefusedAsync(ctx) || await LastAsync(ctx) is not { } c) return;
        ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = "4";
        ctx.Response.ContentType = "application/json;charset=UTF-8";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["symbol"] = ctx.Request.Query["symbol"].ToString(), ["lastPrice"] = Fmt(c.Close), ["bidPrice"] = Fmt(c.Close - 0.01m), ["askPrice"] = Fmt(c.Close + 0.01m),
            ["volume"] = Fmt(c.Volume), ["closeTime"] = c.OpenTime.ToUnixTimeMilliseconds() + 59_999,
        }));
    }

    // GET /api/v3/depth?symbol=&limit= (weight 5 up to 100).
    private async Task DepthAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _bookRequests);
        if (await RefusedAsync(ctx) || await LastAsync(ctx) is not { } c) return;
        var limit = int.TryParse(ctx.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = "9";
        ctx.Response.ContentType = "application/json;charset=UTF-8";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["lastUpdateId"] = 1027024,
            ["bids"] = Enumerable.Range(0, limit).Select(i => new[] { Fmt(c.Close - 0.01m - i), "1.5" }).ToArray(),
            ["asks"] = Enumerable.Range(0, limit).Select(i => new[] { Fmt(c.Close + 0.01m + i), "2.5" }).ToArray(),
        }));
    }

    private async Task<bool> RefusedAsync(HttpContext ctx)
    {
        if (Interlocked.Decrement(ref _rateLimitNext) < 0) return false;
        ctx.Response.Headers.RetryAfter = "7";
        await Error(ctx, 429, -1003, "Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.");
        return true;
    }

    private async Task<Candle?> LastAsync(HttpContext ctx)
    {
        if (_series.TryGetValue(ctx.Request.Query["symbol"].ToString(), out var candles) && candles.Count > 0) return candles[^1];
        await Error(ctx, 400, -1121, "Invalid symbol.");
        return null;
    }

    private static string Fmt(decimal v) => v.ToString("0.00000000", CultureInfo.InvariantCulture);

    private static async Task Error(HttpContext ctx, int status, int code, string msg)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json;charset=UTF-8";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new { code, msg }));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
