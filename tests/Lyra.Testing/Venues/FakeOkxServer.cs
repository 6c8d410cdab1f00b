using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Testing.Venues;

/// <summary>
/// A loopback OKX API v5 (spot, cash): signed requests checked as documented (OK-ACCESS-KEY, -PASSPHRASE, -TIMESTAMP
/// within 30 s, -SIGN = Base64 HMAC-SHA256 over timestamp + method + path with query + body), instruments, ticker,
/// books, candles (newest first, confirm flag), balance, account config (key permissions), order placement (market
/// orders sized in base with <c>tgtCcy=base_ccy</c>), cancel, order by ordId or clOrdId, pending orders, fills, and the
/// documented errors in <c>{"code","msg","data":[{"sCode","sMsg"}]}</c>: 50113 bad signature, 50102 expired timestamp,
/// 50111 bad key, 51001 unknown instrument, 51008 insufficient balance, 51016 duplicate clOrdId (among pending
/// orders), 51603 order not found, 50011 rate limit (HTTP 429). Faults per placement as <see cref="VenueFault"/>.
/// </summary>
public sealed class FakeOkxServer : FakeVenueServer
{
    /// <summary>The key the fake accepts.</summary>
    public const string ApiKey = "fake-okx-key";

    /// <summary>The secret (test-only).</summary>
    public const string ApiSecret = "fake-okx-secret-0123456789";

    /// <summary>The passphrase.</summary>
    public const string Passphrase = "fake-okx-passphrase";

    /// <summary>Taker fee, charged in the asset received (reported negative, as OKX does).</summary>
    public const decimal FeeRate = 0.001m;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _fills = [];
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["USDT"] = 100_000m, ["BTC"] = 0m };
    private long _nextId = 5000;
    private long _nextTrade = 1;

    /// <summary>The key's permissions as <c>/account/config</c> reports them.</summary>
    public string Permissions { get; set; } = "read_only,trade";

    /// <summary>Starts the server.</summary>
    public static async Task<FakeOkxServer> StartAsync()
    {
        var s = new FakeOkxServer();
        s.BaseAddress = await s.ListenAsync(app => app.Map("/api/v5/{**path}", (Func<HttpContext, Task>)s.HandleAsync));
        return s;
    }

    /// <summary>Sets a balance.</summary>
    public void SetBalance(string asset, decimal available)
    {
        lock (_lock) _balances[asset] = available;
    }

    /// <summary>Fills <paramref name="quantity"/> more of a resting limit order at its price.</summary>
    public void FillResting(string ordId, decimal quantity)
    {
        lock (_lock)
        {
            var o = _orders[ordId];
            Execute(o, Math.Min(quantity, D(o["sz"]) - D(o["accFillSz"])), D(o["px"]));
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = "/api/v5/" + (string?)ctx.Request.RouteValues["path"];
        var pathAndQuery = path + ctx.Request.QueryString.Value;
        Requests.Enqueue($"{ctx.Request.Method} {pathAndQuery}{(ctx.Request.Headers["x-simulated-trading"] == "1" ? " [demo]" : "")}");
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var q = ctx.Request.Query;
        var route = $"{ctx.Request.Method} {path}";
        switch (route)
        {
            case "GET /api/v5/public/time":
                await Ok(ctx, new JsonObject { ["ts"] = Ms() });
                return;
            case "GET /api/v5/public/instruments":
                await Ok(ctx, new JsonObject
                {
                    ["instId"] = "BTC-USDT", ["instType"] = "SPOT", ["baseCcy"] = "BTC", ["quoteCcy"] = "USDT", ["tickSz"] = "0.1", ["lotSz"] = "0.00000001",
                    ["minSz"] = "0.00001", ["state"] = "live",
                });
                return;
            case "GET /api/v5/market/ticker":
                if (!Known(q["instId"]))
                {
                    await Fail(ctx, 200, "51001", "Instrument ID does not exist");
                    return;
                }

                await Ok(ctx, new JsonObject { ["instId"] = "BTC-USDT", ["last"] = S(Bid + 0.5m), ["askPx"] = S(Bid + 1), ["bidPx"] = S(Bid), ["vol24h"] = "321.5", ["ts"] = Ms() });
                return;
            case "GET /api/v5/market/books":
                await Ok(ctx, new JsonObject
                {
                    ["asks"] = new JsonArray(new JsonArray(S(Bid + 1), "0.5", "0", "3")), ["bids"] = new JsonArray(new JsonArray(S(Bid), "0.7", "0", "2")), ["ts"] = Ms(),
                });
                return;
            case "GET /api/v5/market/candles":
                await Candles(ctx, q);
                return;
        }

        if (Unauthorized(ctx, ctx.Request.Method, pathAndQuery, body) is { } why)
        {
            await Fail(ctx, 401, why.Code, why.Message);
            return;
        }

        switch (route)
        {
            case "GET /api/v5/account/config":
                await Ok(ctx, new JsonObject { ["uid"] = "42", ["perm"] = Permissions, ["acctLv"] = "1" });
                return;
            case "GET /api/v5/account/balance":
                JsonArray details;
                lock (_lock) details = [.. _balances.Select(b => (JsonNode)new JsonObject { ["ccy"] = b.Key, ["availBal"] = S(b.Value), ["frozenBal"] = "0" })];
                await Ok(ctx, new JsonObject { ["details"] = details });
                return;
            case "POST /api/v5/trade/order":
                await PlaceAsync(ctx, body);
                return;
            case "POST /api/v5/trade/cancel-order":
                await CancelAsync(ctx, body);
                return;
            case "GET /api/v5/trade/order":
                JsonObject? order;
                lock (_lock)
                {
                    order = q["ordId"].Count > 0 ? _orders.GetValueOrDefault((string)q["ordId"]!)
                        : _orders.Values.Where(o => (string?)o["clOrdId"] == (string?)q["clOrdId"]).OrderByDescending(o => (long)o["cTimeMs"]!).FirstOrDefault();
                    order = order?.DeepClone().AsObject();
                }

                if (order is null) await Fail(ctx, 200, "51603", "Order does not exist");
                else await Ok(ctx, order);
                return;
            case "GET /api/v5/trade/orders-pending":
                JsonNode[] pending;
                lock (_lock) pending = [.. _orders.Values.Where(o => (string?)o["state"] is "live" or "partially_filled").Select(o => o.DeepClone())];
                await Ok(ctx, pending);
                return;
            case "GET /api/v5/trade/fills":
                JsonNode[] fills;
                lock (_lock) fills = [.. _fills.Select(f => f.DeepClone())];
                await Ok(ctx, fills);
                return;
        }

        await Fail(ctx, 404, "50000", $"no route {route}");
    }

    private async Task PlaceAsync(HttpContext ctx, string body)
    {
        var fault = NextFault();
        switch (fault)
        {
            case VenueFault.RateLimit:
                await Fail(ctx, 429, "50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly.");
                return;
            case VenueFault.DropBeforeAccept:
                ctx.Abort();
                return;
            case VenueFault.UnavailableBeforeAccept:
                await Fail(ctx, 503, "50001", "Service temporarily unavailable. Please try again later.");
                return;
        }

        var req = JsonNode.Parse(body)!.AsObject();
        var clOrdId = (string?)req["clOrdId"] ?? "";
        if (clOrdId.Length > 32 || clOrdId.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            await OrderError(ctx, "51000", "Parameter clOrdId error");
            return;
        }

        if (!Known((string?)req["instId"]))
        {
            await OrderError(ctx, "51001", "Instrument ID does not exist");
            return;
        }

        JsonObject order;
        lock (_lock)
        {
            if (clOrdId.Length > 0 && _orders.Values.Any(o => (string?)o["clOrdId"] == clOrdId && (string?)o["state"] is "live" or "partially_filled"))
            {
                order = null!;
            }
            else
            {
                var side = (string?)req["side"];
                var type = (string?)req["ordType"] ?? "limit";
                var sz = D(req["sz"]);
                var px = type == "market" ? (side == "buy" ? Bid + 1 : Bid) : D(req["px"]);
                if (side == "buy" ? _balances["USDT"] < sz * px : _balances.GetValueOrDefault("BTC") < sz)
                {
                    order = new JsonObject { ["insufficient"] = true };
                }
                else
                {
                    var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
                    order = new JsonObject
                    {
                        ["ordId"] = id, ["clOrdId"] = clOrdId, ["instId"] = "BTC-USDT", ["side"] = side, ["ordType"] = type, ["state"] = "live", ["sz"] = S(sz),
                        ["px"] = type == "market" ? "" : S(px), ["accFillSz"] = "0", ["avgPx"] = "", ["fee"] = "0", ["feeCcy"] = side == "buy" ? "BTC" : "USDT",
                        ["cTime"] = Ms(), ["uTime"] = Ms(), ["cTimeMs"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    };
                    _orders[id] = order;
                    CountAccepted(clOrdId);
                    if (type is "market" or "ioc" or "fok" || (side == "buy" ? px >= Bid + 1 : px <= Bid))
                    {
                        var qty = fault == VenueFault.PartialFill ? sz / 2 : sz;
                        Execute(order, qty, type == "market" ? px : (side == "buy" ? Bid + 1 : Bid));
                        if (type is "market" or "ioc" or "fok" && D(order["accFillSz"]) < sz) order["state"] = "canceled";
                    }

                    order = order.DeepClone().AsObject();
                }
            }
        }

        if (order is null)
        {
            await OrderError(ctx, "51016", "Duplicated client order ID");
            return;
        }

        if (order["insufficient"] is not null)
        {
            await OrderError(ctx, "51008", "Order failed. Insufficient USDT balance in account.");
            return;
        }

        if (await VenueFaultAnswers.AfterAcceptAsync(ctx, fault, SlowAckDelay)) return;

        await Ok(ctx, new JsonObject { ["ordId"] = (string?)order["ordId"], ["clOrdId"] = (string?)order["clOrdId"], ["sCode"] = "0", ["sMsg"] = "Order placed" });
    }

    private async Task CancelAsync(HttpContext ctx, string body)
    {
        var id = (string?)JsonNode.Parse(body)?["ordId"] ?? "";
        string? code;
        lock (_lock)
        {
            var o = _orders.GetValueOrDefault(id);
            code = o is null ? "51400" : (string?)o["state"] is "live" or "partially_filled" ? null : "51401";
            if (code is null)
            {
                o!["state"] = "canceled";
                o["uTime"] = Ms();
            }
        }

        if (code is null) await Ok(ctx, new JsonObject { ["ordId"] = id, ["sCode"] = "0", ["sMsg"] = "" });
        else await OrderError(ctx, code, code == "51400" ? "Order cancellation failed as the order does not exist" : "Order cancellation failed as the order has been canceled or filled");
    }

    private void Execute(JsonObject o, decimal qty, decimal price)
    {
        if (qty <= 0) return;
        var buy = (string?)o["side"] == "buy";
        var filled = D(o["accFillSz"]) + qty;
        var avg = ((D(o["avgPx"]) * D(o["accFillSz"])) + (qty * price)) / filled;
        var fee = buy ? qty * FeeRate : qty * price * FeeRate;
        if (buy)
        {
            _balances["USDT"] -= qty * price;
            _balances["BTC"] += qty - fee;
        }
        else
        {
            _balances["BTC"] -= qty;
            _balances["USDT"] += (qty * price) - fee;
        }

        o["accFillSz"] = S(filled);
        o["avgPx"] = S(Math.Round(avg, 8));
        o["fee"] = S(D(o["fee"]) - fee);
        o["state"] = filled >= D(o["sz"]) ? "filled" : "partially_filled";
        o["uTime"] = Ms();
        _fills.Add(new JsonObject
        {
            ["tradeId"] = (_nextTrade++).ToString(CultureInfo.InvariantCulture), ["ordId"] = (string?)o["ordId"], ["instId"] = "BTC-USDT", ["side"] = (string?)o["side"],
            ["fillPx"] = S(price), ["fillSz"] = S(qty), ["fee"] = S(-fee), ["feeCcy"] = buy ? "BTC" : "USDT", ["ts"] = Ms(),
        });
    }

    private static (string Code, string Message)? Unauthorized(HttpContext ctx, string method, string pathAndQuery, string body)
    {
        var h = ctx.Request.Headers;
        if (h["OK-ACCESS-KEY"] != ApiKey || h["OK-ACCESS-PASSPHRASE"] != Passphrase) return ("50111", "Invalid OK-ACCESS-KEY");
        if (!DateTimeOffset.TryParse(h["OK-ACCESS-TIMESTAMP"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts)
            || Math.Abs((ts - DateTimeOffset.UtcNow).TotalSeconds) > 30)
        {
            return ("50102", "Timestamp request expired");
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.UTF8.GetBytes(h["OK-ACCESS-TIMESTAMP"] + method + pathAndQuery + body)));
        return expected == h["OK-ACCESS-SIGN"] ? null : ("50113", "Invalid Sign");
    }

    private async Task Candles(HttpContext ctx, IQueryCollection q)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 * 1000;
        var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        var newerThan = long.TryParse(q["before"], CultureInfo.InvariantCulture, out var b) ? b : long.MinValue;
        var olderThan = long.TryParse(q["after"], CultureInfo.InvariantCulture, out var a) ? a : long.MaxValue;
        var rows = new List<JsonNode>();
        for (var ts = now; rows.Count < limit && ts > newerThan; ts -= 60_000)
        {
            if (ts >= olderThan) continue;
            var close = Bid + (decimal)Math.Sin(ts / 600_000.0) * 50;
            rows.Add(new JsonArray(ts.ToString(CultureInfo.InvariantCulture), S(close - 5), S(close + 10), S(close - 15), S(close), "2", "2", S(close * 2), ts == now ? "0" : "1"));
        }

        await Ok(ctx, [.. rows]);
    }

    private static bool Known(string? instId) => instId == "BTC-USDT";

    private static string Ms() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static decimal D(JsonNode? n) => (string?)n is { Length: > 0 } s ? decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;

    private static string S(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Task Ok(HttpContext ctx, params JsonNode[] data) =>
        Write(ctx, 200, new JsonObject { ["code"] = "0", ["msg"] = "", ["data"] = new JsonArray([.. data]) });

    private static Task Fail(HttpContext ctx, int status, string code, string msg) =>
        Write(ctx, status, new JsonObject { ["code"] = code, ["msg"] = msg, ["data"] = new JsonArray() });

    // An order endpoint's own failure: HTTP 200, code 1, the reason in data[0].sCode.
    private static Task OrderError(HttpContext ctx, string sCode, string sMsg) =>
        Write(ctx, 200, new JsonObject { ["code"] = "1", ["msg"] = "All operations failed", ["data"] = new JsonArray(new JsonObject { ["ordId"] = "", ["clOrdId"] = "", ["sCode"] = sCode, ["sMsg"] = sMsg }) });

    private static Task Write(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body.ToJsonString());
    }
}
