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
/// A loopback WhiteBIT API: public <c>/api/v4/public/{markets,time,orderbook/{market}}</c> and
/// <c>/api/v1/public/{ticker,kline}</c> (kline rows <c>[time, open, close, high, low, stock volume, money volume]</c>,
/// the current one still forming), and signed private POSTs checked as documented (<c>X-TXC-APIKEY</c>;
/// <c>X-TXC-PAYLOAD</c> = Base64 of the exact body; <c>X-TXC-SIGNATURE</c> = hex HMAC-SHA512 of the payload; the body's
/// <c>request</c> is the path; the nonce grows, or with <c>nonceWindow</c> is within 5 s of the server's time and unused):
/// trade-account/balance, order/new, order/stock_market, order/cancel, orders, trade-account/order/history,
/// trade-account/executed-history, trade-account/order. A clientOrderId is refused (code 36) only while an order with it
/// is open on the market. A buy pays its fee in the base asset, a sell in quote. Errors are
/// <c>{"code", "message", "errors": {field: [..]}}</c> with 400/422; 401 for bad keys; 429 with Retry-After; 503.
/// Faults per placement as <see cref="VenueFault"/>.
/// </summary>
public sealed class FakeWhiteBitServer : FakeVenueServer
{
    /// <summary>The key the fake accepts.</summary>
    public const string ApiKey = "fake-whitebit-key";

    /// <summary>The secret (test-only).</summary>
    public const string ApiSecret = "fake-whitebit-secret";

    /// <summary>Taker fee rate.</summary>
    public const decimal FeeRate = 0.001m;

    /// <summary>The one market.</summary>
    public const string Market = "BTC_USDT";

    private readonly Lock _lock = new();
    private readonly List<JsonObject> _orders = [];
    private readonly List<JsonObject> _deals = [];
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["USDT"] = 100_000m, ["BTC"] = 0m };
    private readonly HashSet<long> _windowNonces = [];
    private long _lastNonce;
    private long _next = 4_180_284_841;

    /// <summary>Starts the server.</summary>
    public static async Task<FakeWhiteBitServer> StartAsync()
    {
        var s = new FakeWhiteBitServer();
        s.BaseAddress = await s.ListenAsync(app => app.Map("/api/{**path}", (Func<HttpContext, Task>)s.HandleAsync));
        return s;
    }

    /// <summary>Sets a balance.</summary>
    public void SetBalance(string asset, decimal balance)
    {
        lock (_lock) _balances[asset] = balance;
    }

    /// <summary>Fills an open order (all of what is left) at its price, as a counterparty would.</summary>
    public void FillOpen(string orderId)
    {
        lock (_lock)
        {
            var o = _orders.Single(x => x["orderId"]!.ToString() == orderId);
            Execute(o, D(o["left"]), D(o["price"]), maker: true);
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = "/api/" + (string?)ctx.Request.RouteValues["path"];
        Requests.Enqueue($"{ctx.Request.Method} {path}");
        var q = ctx.Request.Query;
        if (ctx.Request.Method == "GET")
        {
            await PublicAsync(ctx, path, q);
            return;
        }

        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        JsonObject form;
        try
        {
            form = JsonNode.Parse(body)!.AsObject();
        }
        catch (JsonException)
        {
            await Error(ctx, 422, 30, "Validation failed", ("request", "Request not provided."));
            return;
        }

        if (Unauthorized(ctx, path, body, form) is { } why)
        {
            await Write(ctx, why.Status, new JsonObject { ["code"] = 0, ["message"] = why.Message, ["errors"] = new JsonArray() });
            return;
        }

        var market = (string?)form["market"];
        switch (path)
        {
            case "/api/v4/trade-account/balance":
                JsonObject balances;
                lock (_lock) balances = new JsonObject([.. _balances.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)new JsonObject { ["available"] = S(b.Value), ["freeze"] = "0" }))]);
                await Write(ctx, 200, balances);
                return;
            case "/api/v4/order/new" or "/api/v4/order/stock_market":
                await PlaceAsync(ctx, path, form);
                return;
            case "/api/v4/order/cancel" or "/api/v4/orders" or "/api/v4/trade-account/order/history" or "/api/v4/trade-account/executed-history"
                when market is not null && market != Market:
                await Error(ctx, 422, 31, "Validation failed", ("market", "Market is not available."));
                return;
            case "/api/v4/order/cancel":
                JsonObject? canceled;
                lock (_lock)
                {
                    canceled = _orders.FirstOrDefault(o => Is(o, form, "orderId") && (string?)o["status"] is "NEW" or "PARTIALLY_FILLED");
                    if (canceled is not null)
                    {
                        canceled["status"] = "CANCELED";
                        canceled["ftime"] = Now();
                        canceled = (JsonObject)canceled.DeepClone();
                    }
                }

                if (canceled is null) await Error(ctx, 400, 2, "Inner validation failed", ("orderId", "Unexecuted order was not found."));
                else await Write(ctx, 200, canceled);
                return;
            case "/api/v4/orders":
                await Write(ctx, 200, Select(o => (string?)o["status"] is "NEW" or "PARTIALLY_FILLED" && Is(o, form, "orderId") && Is(o, form, "clientOrderId"), form));
                return;
            case "/api/v4/trade-account/order/history":
                var done = Select(o => (string?)o["status"] is not ("NEW" or "PARTIALLY_FILLED") && Is(o, form, "orderId") && Is(o, form, "clientOrderId"), form);
                // "Empty response if order is not yours": nothing is an empty list, not an empty market.
                await Write(ctx, 200, done.Count == 0 ? new JsonArray() : new JsonObject { [Market] = done });
                return;
            case "/api/v4/trade-account/executed-history":
                JsonArray deals;
                lock (_lock) deals = Page(_deals.Where(d => (double)d["time"]! >= ((double?)form["startDate"] ?? 0)), form);
                await Write(ctx, 200, new JsonObject { [Market] = deals });
                return;
            case "/api/v4/trade-account/order":
                JsonArray records;
                lock (_lock)
                {
                    records = Page(_deals.Where(d => d["orderId"]!.ToString() == form["orderId"]?.ToString()), form);
                    foreach (var r in records)
                    {
                        r!["dealOrderId"] = r["orderId"]!.DeepClone();
                        r.AsObject().Remove("orderId");
                    }
                }

                await Write(ctx, 200, new JsonObject { ["records"] = records, ["offset"] = 0, ["limit"] = 100 });
                return;
        }

        await Write(ctx, 404, new JsonObject { ["message"] = "Not found." });
    }

    private async Task PublicAsync(HttpContext ctx, string path, IQueryCollection q)
    {
        switch (path)
        {
            case "/api/v4/public/time":
                await Write(ctx, 200, new JsonObject { ["time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() });
                return;
            case "/api/v4/public/markets":
                await Write(ctx, 200, new JsonArray(
                    new JsonObject
                    {
                        ["name"] = Market, ["stock"] = "BTC", ["money"] = "USDT", ["stockPrec"] = "6", ["moneyPrec"] = "2", ["feePrec"] = "4", ["makerFee"] = "0.001",
                        ["takerFee"] = "0.001", ["minAmount"] = "0.0001", ["minTotal"] = "5.05", ["maxTotal"] = "10000000000", ["tradesEnabled"] = true, ["type"] = "spot",
                    },
                    new JsonObject { ["name"] = "BTC_PERP", ["stock"] = "BTC", ["money"] = "USDT", ["stockPrec"] = "4", ["moneyPrec"] = "1", ["type"] = "futures" }));
                return;
            case "/api/v4/public/orderbook/" + Market:
                await Write(ctx, 200, new JsonObject
                {
                    ["ticker_id"] = Market, ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["asks"] = new JsonArray(new JsonArray(S(Bid + 1), "0.5"), new JsonArray(S(Bid + 2), "1.5")),
                    ["bids"] = new JsonArray(new JsonArray(S(Bid), "0.7"), new JsonArray(S(Bid - 1), "2")),
                });
                return;
            case "/api/v1/public/ticker" or "/api/v1/public/kline" when (string?)q["market"] != Market:
                await Write(ctx, 422, new JsonObject { ["success"] = false, ["message"] = new JsonObject { ["market"] = new JsonArray("Market is not available") }, ["result"] = new JsonArray() });
                return;
            case "/api/v1/public/ticker":
                await Write(ctx, 200, new JsonObject
                {
                    ["success"] = true, ["message"] = null,
                    ["result"] = new JsonObject { ["bid"] = S(Bid), ["ask"] = S(Bid + 1), ["last"] = S(Bid + 0.5m), ["volume"] = "1234.5", ["deal"] = "61725000" },
                });
                return;
            case "/api/v1/public/kline":
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;
                var start = long.TryParse(q["start"], CultureInfo.InvariantCulture, out var st) ? (st + 59) / 60 * 60 : now - (1440 * 60);
                var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1440) : 1440;
                var rows = new JsonArray();
                for (var t = Math.Max(start, now - (1440 * 60)); t <= now && rows.Count < limit; t += 60)
                {
                    var close = Bid + (decimal)Math.Sin(t / 600.0) * 50;
                    rows.Add(new JsonArray(t, S(close - 5), S(close), S(close + 10), S(close - 15), "3", S(3 * close)));
                }

                await Write(ctx, 200, new JsonObject { ["success"] = true, ["message"] = null, ["result"] = rows });
                return;
        }

        await Write(ctx, 404, new JsonObject { ["success"] = false, ["message"] = "Not found.", ["params"] = new JsonArray() });
    }

    private async Task PlaceAsync(HttpContext ctx, string path, JsonObject form)
    {
        var fault = NextFault();
        switch (fault)
        {
            case VenueFault.RateLimit:
                ctx.Response.Headers.RetryAfter = "1";
                await Write(ctx, 429, new JsonObject { ["code"] = 0, ["message"] = "Too many requests.", ["errors"] = new JsonArray() });
                return;
            case VenueFault.DropBeforeAccept:
                ctx.Abort();
                return;
            case VenueFault.UnavailableBeforeAccept:
                await Write(ctx, 503, new JsonObject { ["code"] = 0, ["message"] = "Service temporarily unavailable", ["errors"] = new JsonArray() });
                return;
        }

        if ((string?)form["market"] != Market)
        {
            await Error(ctx, 422, 31, "Validation failed", ("market", "Market is not available."));
            return;
        }

        var clientOrderId = (string?)form["clientOrderId"] ?? "";
        var market = path.EndsWith("stock_market", StringComparison.Ordinal);
        var buy = (string?)form["side"] == "buy";
        var amount = D(form["amount"]);
        var price = market ? (buy ? Bid + 1 : Bid) : D(form["price"]);
        if (amount < 0.0001m)
        {
            await Error(ctx, 422, 32, "Validation failed", ("amount", "Given amount is less than min amount 0.0001"));
            return;
        }

        JsonObject o;
        lock (_lock)
        {
            if (clientOrderId.Length > 0 && _orders.Any(x => (string?)x["clientOrderId"] == clientOrderId && (string?)x["status"] is "NEW" or "PARTIALLY_FILLED"))
            {
                o = null!;
            }
            else if (buy ? _balances["USDT"] < amount * price : _balances["BTC"] < amount)
            {
                o = new JsonObject();
            }
            else
            {
                o = new JsonObject
                {
                    ["orderId"] = _next++, ["clientOrderId"] = clientOrderId, ["market"] = Market, ["side"] = buy ? "buy" : "sell", ["type"] = market ? "stock market" : "limit",
                    ["timestamp"] = Now(), ["dealMoney"] = "0", ["dealStock"] = "0", ["amount"] = S(amount), ["left"] = S(amount), ["dealFee"] = "0",
                    ["postOnly"] = (bool?)form["postOnly"] ?? false, ["ioc"] = (bool?)form["ioc"] ?? false, ["status"] = "NEW", ["stp"] = "no",
                };
                if (!market) o["price"] = S(price);
                _orders.Add(o);
                CountAccepted(clientOrderId);
                var crosses = market || (buy ? price >= Bid + 1 : price <= Bid);
                if (crosses)
                {
                    var qty = fault == VenueFault.PartialFill ? amount / 2 : amount;
                    Execute(o, qty, market ? price : (buy ? Bid + 1 : Bid), maker: false);
                }

                if ((market || (bool?)o["ioc"] == true) && D(o["left"]) > 0)
                {
                    o["status"] = D(o["dealStock"]) > 0 ? "PARTIALLY_FILLED" : "CANCELED";
                    o["ftime"] = Now();
                    o["finished"] = true;
                }
            }
        }

        if (o is null)
        {
            await Error(ctx, 422, 36, "Validation failed", ("clientOrderId", "This client order id is already used by the current account."));
            return;
        }

        if (o.Count == 0)
        {
            await Error(ctx, 400, 10, "Inner validation failed", ("amount", "Not enough balance."));
            return;
        }

        if (await VenueFaultAnswers.AfterAcceptAsync(ctx, fault, SlowAckDelay)) return;
        JsonObject answer;
        lock (_lock) answer = Public(o);
        await Write(ctx, 200, answer);
    }

    private void Execute(JsonObject o, decimal qty, decimal price, bool maker)
    {
        var buy = (string?)o["side"] == "buy";
        // A buy pays its fee in what it receives (base), a sell in quote.
        var fee = buy ? qty * FeeRate : qty * price * FeeRate;
        _balances["USDT"] += buy ? -(qty * price) : (qty * price) - fee;
        _balances["BTC"] += buy ? qty - fee : -qty;
        o["dealStock"] = S(D(o["dealStock"]) + qty);
        o["dealMoney"] = S(D(o["dealMoney"]) + (qty * price));
        o["dealFee"] = S(D(o["dealFee"]) + fee);
        o["feeAsset"] = buy ? "BTC" : "USDT";
        o["left"] = S(D(o["amount"]) - D(o["dealStock"]));
        o["status"] = D(o["left"]) > 0 ? "PARTIALLY_FILLED" : "FILLED";
        if (D(o["left"]) == 0) o["ftime"] = Now();
        _deals.Add(new JsonObject
        {
            ["id"] = _next++, ["clientOrderId"] = o["clientOrderId"]!.DeepClone(), ["time"] = Now(), ["side"] = o["side"]!.DeepClone(), ["role"] = maker ? 1 : 2,
            ["amount"] = S(qty), ["price"] = S(price), ["deal"] = S(qty * price), ["fee"] = S(fee), ["orderId"] = o["orderId"]!.DeepClone(), ["feeAsset"] = buy ? "BTC" : "USDT",
        });
    }

    // Order answers leave out the fee asset (only the history has it) and the fake's own marks.
    private static JsonObject Public(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove("feeAsset");
        copy.Remove("finished");
        copy.Remove("ftime");
        return copy;
    }

    private JsonArray Select(Func<JsonObject, bool> which, JsonObject form)
    {
        lock (_lock)
        {
            var history = form["request"]?.ToString().Contains("history", StringComparison.Ordinal) == true;
            var rows = Page(_orders.Where(which), form);
            if (!history)
            {
                foreach (var r in rows) r!.AsObject().Remove("feeAsset");
            }
            else
            {
                foreach (var r in rows)
                {
                    // History names the order "id" and its creation "ctime".
                    var x = r!.AsObject();
                    x["id"] = x["orderId"]!.DeepClone();
                    x["ctime"] = x["timestamp"]!.DeepClone();
                    x.Remove("orderId");
                    x.Remove("timestamp");
                    x.Remove("left");
                    if ((string?)x["status"] == "PARTIALLY_FILLED") x["status"] = "CANCELED"; // finished with part filled
                }
            }

            foreach (var r in rows) r!.AsObject().Remove("finished");
            return rows;
        }
    }

    private static JsonArray Page(IEnumerable<JsonObject> rows, JsonObject form)
    {
        var offset = (int?)form["offset"] ?? 0;
        var limit = (int?)form["limit"] ?? 50;
        return [.. rows.Skip(offset).Take(limit).Select(r => r.DeepClone())];
    }

    private static bool Is(JsonObject o, JsonObject form, string field) => form[field] is not { } v || o[field]?.ToString() == v.ToString();

    private (int Status, string Message)? Unauthorized(HttpContext ctx, string path, string body, JsonObject form)
    {
        if (ctx.Request.Headers["X-TXC-APIKEY"] != ApiKey) return (401, "This action is unauthorized. Enable your key in API settings");
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        if (ctx.Request.Headers["X-TXC-PAYLOAD"] != payload) return (400, "Invalid payload");
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.ASCII.GetBytes(payload)));
        if (ctx.Request.Headers["X-TXC-SIGNATURE"] != expected) return (401, "Unauthorized request.");
        if ((string?)form["request"] != path) return (400, "Request not provided.");
        if (form["nonce"] is not JsonValue nv || !long.TryParse(nv.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var nonce)) return (400, "Nonce not provided.");
        lock (_lock)
        {
            if ((bool?)form["nonceWindow"] == true)
            {
                if (Math.Abs(nonce - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) > 5_000) return (400, "Your nonce is more than 5 seconds lesser than the current nonce");
                if (!_windowNonces.Add(nonce)) return (400, "Too many requests.");
                return null;
            }

            if (nonce <= _lastNonce) return (400, "Too many requests.");
            _lastNonce = nonce;
        }

        return null;
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static decimal D(JsonNode? n) => n?.ToString() is { Length: > 0 } s ? decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;

    private static string S(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Task Error(HttpContext ctx, int status, int code, string message, (string Field, string Text) error) =>
        Write(ctx, status, new JsonObject { ["code"] = code, ["message"] = message, ["errors"] = new JsonObject { [error.Field] = new JsonArray(error.Text) } });

    private static Task Write(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body.ToJsonString());
    }
}
