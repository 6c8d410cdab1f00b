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
/// A loopback Gate.io spot API v4: signed requests checked as documented (KEY, Timestamp within 60 s, SIGN =
/// hex HMAC-SHA512 over method, path, query, hex SHA-512 of the body and the timestamp), currency pairs, tickers, order
/// book, candlesticks in Gate.io's row layout, accounts, orders (market buys sized in quote, market orders IOC), cancel,
/// lookup by id or <c>text</c>, open and finished orders, my_trades, and the documented errors
/// (<c>{"label","message"}</c>: INVALID_SIGNATURE, REQUEST_EXPIRED, INVALID_KEY, BALANCE_NOT_ENOUGH,
/// INVALID_CURRENCY_PAIR, ORDER_NOT_FOUND, TOO_MANY_REQUESTS). Faults are injected per placement (<see cref="VenueFault"/>).
/// </summary>
public sealed class FakeGateIoServer : FakeVenueServer
{
    /// <summary>The key the fake accepts.</summary>
    public const string ApiKey = "fake-gate-key";

    /// <summary>The secret the fake signs with (test-only).</summary>
    public const string ApiSecret = "fake-gate-secret-0123456789abcdef";

    /// <summary>Taker fee, charged in the asset received.</summary>
    public const decimal FeeRate = 0.002m;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _trades = [];
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["USDT"] = 100_000m, ["BTC"] = 0m, ["ETH"] = 0m };
    private IReadOnlyList<Lyra.Data.Candles.Candle>? _series;
    private long _nextId = 1000;
    private int _failNext;
    private long _window;
    private int _inWindow;
    private int _violations;
    private long _nextTrade = 1;

    /// <summary>How far the fake's clock is ahead of this machine's (to test the server-time offset).</summary>
    public TimeSpan ClockSkew { get; set; }

    /// <summary>When true, lookup by <c>text</c> finds only open orders (as after Gate.io's one-hour window).</summary>
    public bool TextLookupExpired { get; set; }

    /// <summary>Orders the venue accepted per text (Gate.io's client id): more than one is a duplicate order.</summary>
    public IReadOnlyDictionary<string, int> PlacedByText => PlacedByClientId;

    /// <summary>Starts the server.</summary>
    public static async Task<FakeGateIoServer> StartAsync()
    {
        var s = new FakeGateIoServer();
        var root = await s.ListenAsync(app => app.Map("/api/v4/{**path}", (Func<HttpContext, Task>)s.HandleAsync));
        s.BaseAddress = new Uri(root, "api/v4/");
        return s;
    }

    /// <summary>Serves these 1m candles (their own times) instead of the generated walk; the best bid follows the last close.</summary>
    public void SetSeries(IReadOnlyList<Lyra.Data.Candles.Candle> candles)
    {
        _series = candles;
        Bid = candles[^1].Close;
    }

    /// <summary>Answers the next <paramref name="count"/> requests (any endpoint) with 503 TOO_BUSY.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Gate.io's per-second request limit, enforced with 429 when set (0 = no limit).</summary>
    public int RequestLimitPerSecond { get; set; }

    /// <summary>Requests refused because a one-second window was over <see cref="RequestLimitPerSecond"/>.</summary>
    public int LimitViolations => Volatile.Read(ref _violations);

    /// <summary>Sets a balance.</summary>
    public void SetBalance(string asset, decimal available)
    {
        lock (_lock) _balances[asset] = available;
    }

    /// <summary>Fills <paramref name="quantity"/> more of a resting limit order at its price.</summary>
    public void FillResting(string orderId, decimal quantity)
    {
        lock (_lock)
        {
            var o = _orders[orderId];
            Execute(o, Math.Min(quantity, D(o["left"])), D(o["price"]));
        }
    }

    /// <summary>The order with text <paramref name="text"/>, as the venue holds it (null when none).</summary>
    public JsonObject? OrderByText(string text)
    {
        lock (_lock) return _orders.Values.FirstOrDefault(o => (string?)o["text"] == text)?.DeepClone().AsObject();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = "/" + ((string?)ctx.Request.RouteValues["path"] ?? "");
        var query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value![1..] : "";
        Requests.Enqueue($"{ctx.Request.Method} {path}{(query.Length > 0 ? "?" + query : "")}");
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var q = ctx.Request.Query;
        var method = ctx.Request.Method;
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            await Error(ctx, 503, "TOO_BUSY", "Server is too busy");
            return;
        }

        if (RequestLimitPerSecond > 0 && OverLimit())
        {
            ctx.Response.Headers["X-Gate-RateLimit-Limit"] = RequestLimitPerSecond.ToString(CultureInfo.InvariantCulture);
            ctx.Response.Headers["X-Gate-RateLimit-Requests-Remain"] = "0";
            ctx.Response.Headers["X-Gate-RateLimit-Reset-Timestamp"] = ((DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1) * 1000).ToString(CultureInfo.InvariantCulture);
            await Error(ctx, 429, "TOO_MANY_REQUESTS", "Request Rate limit Exceeded");
            return;
        }

        if (method == "GET" && path == "/spot/time")
        {
            await Json(ctx, 200, new JsonObject { ["server_time"] = Now().ToUnixTimeMilliseconds() });
            return;
        }

        if (method == "GET" && path == "/spot/currency_pairs")
        {
            await Json(ctx, 200, new JsonArray(Pair("BTC_USDT", "BTC", 2, 6, "0.00001", "3"), Pair("ETH_USDT", "ETH", 2, 4, "0.001", "3")));
            return;
        }

        if (method == "GET" && path == "/spot/tickers")
        {
            if (!Known(q["currency_pair"]))
            {
                await Error(ctx, 400, "INVALID_CURRENCY_PAIR", $"Invalid currency pair {q["currency_pair"]}");
                return;
            }

            await Json(ctx, 200, new JsonArray(new JsonObject
            {
                ["currency_pair"] = (string?)q["currency_pair"], ["last"] = S(Bid + 0.5m), ["lowest_ask"] = S(Ask), ["highest_bid"] = S(Bid),
                ["base_volume"] = "1234.5", ["quote_volume"] = "61725000",
            }));
            return;
        }

        if (method == "GET" && path == "/spot/order_book")
        {
            var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? l : 10;
            var asks = new JsonArray();
            var bids = new JsonArray();
            for (var i = 0; i < limit; i++)
            {
                asks.Add(new JsonArray(S(Ask + i), "0.5"));
                bids.Add(new JsonArray(S(Bid - i), "0.5"));
            }

            await Json(ctx, 200, new JsonObject { ["id"] = 1, ["current"] = Now().ToUnixTimeMilliseconds(), ["update"] = Now().ToUnixTimeMilliseconds(), ["asks"] = asks, ["bids"] = bids });
            return;
        }

        if (method == "GET" && path == "/spot/candlesticks")
        {
            await Json(ctx, 200, Candles(q));
            return;
        }

        if (!Authorized(ctx, method, path, query, body, out var why))
        {
            await Error(ctx, 401, why.Label, why.Message);
            return;
        }

        if (method == "POST" && path == "/spot/orders")
        {
            await PlaceAsync(ctx, body);
            return;
        }

        if (method == "GET" && path == "/spot/accounts")
        {
            JsonArray list;
            lock (_lock) list = [.. _balances.Select(b => (JsonNode)new JsonObject { ["currency"] = b.Key, ["available"] = S(b.Value), ["locked"] = S(Locked(b.Key)) })];
            await Json(ctx, 200, list);
            return;
        }

        if (method == "GET" && path == "/spot/open_orders")
        {
            JsonArray list;
            lock (_lock)
            {
                list = [.. _orders.Values.Where(o => (string?)o["status"] == "open").GroupBy(o => (string)o["currency_pair"]!)
                    .Select(g => (JsonNode)new JsonObject { ["currency_pair"] = g.Key, ["total"] = g.Count(), ["orders"] = new JsonArray([.. g.Select(o => o.DeepClone())]) })];
            }

            await Json(ctx, 200, list);
            return;
        }

        if (method == "GET" && path == "/spot/orders")
        {
            var status = (string?)q["status"];
            var from = long.TryParse(q["from"], CultureInfo.InvariantCulture, out var f) ? f : 0;
            var to = long.TryParse(q["to"], CultureInfo.InvariantCulture, out var t) ? t : long.MaxValue;
            var page = int.TryParse(q["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
            var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var lim) ? lim : 100;
            JsonArray list;
            lock (_lock)
            {
                list = [.. _orders.Values
                    .Where(o => (string?)o["currency_pair"] == (string?)q["currency_pair"])
                    .Where(o => status == "open" ? (string?)o["status"] == "open" : (string?)o["status"] != "open")
                    .Where(o => status == "open" || ((long)o["create_time"]! >= from && (long)o["create_time"]! <= to))
                    .OrderByDescending(o => (long)o["create_time_ms"]!)
                    .Skip((page - 1) * limit).Take(limit).Select(o => o.DeepClone())];
            }

            await Json(ctx, 200, list);
            return;
        }

        if (path.StartsWith("/spot/orders/", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path["/spot/orders/".Length..]);
            JsonObject? order;
            lock (_lock)
            {
                order = id.StartsWith("t-", StringComparison.Ordinal)
                    ? _orders.Values.FirstOrDefault(o => (string?)o["text"] == id && (!TextLookupExpired || (string?)o["status"] == "open"))
                    : _orders.GetValueOrDefault(id);
                if (order is not null && (string?)order["currency_pair"] != (string?)q["currency_pair"]) order = null;
                if (order is not null && method == "DELETE" && (string?)order["status"] == "open")
                {
                    order["status"] = "cancelled";
                    order["finish_as"] = "cancelled";
                    order["update_time_ms"] = Now().ToUnixTimeMilliseconds();
                }

                order = order?.DeepClone().AsObject();
            }

            if (order is null) await Error(ctx, 404, "ORDER_NOT_FOUND", "Order not found");
            else await Json(ctx, 200, order);
            return;
        }

        if (method == "GET" && path == "/spot/my_trades")
        {
            JsonArray list;
            lock (_lock) list = [.. _trades.Where(t => (string?)t["currency_pair"] == (string?)q["currency_pair"]).Select(t => t.DeepClone())];
            await Json(ctx, 200, list);
            return;
        }

        await Error(ctx, 404, "NOT_FOUND", $"no route {method} {path}");
    }

    private async Task PlaceAsync(HttpContext ctx, string body)
    {
        var fault = NextFault();
        switch (fault)
        {
            case VenueFault.RateLimit:
                ctx.Response.Headers.RetryAfter = "1";
                await Error(ctx, 429, "TOO_MANY_REQUESTS", "Request Rate limit Exceeded");
                return;
            case VenueFault.DropBeforeAccept:
                ctx.Abort();
                return;
            case VenueFault.UnavailableBeforeAccept:
                await Error(ctx, 503, "TOO_BUSY", "Server is too busy");
                return;
        }

        JsonObject req;
        try
        {
            req = JsonNode.Parse(body)!.AsObject();
        }
        catch (JsonException)
        {
            await Error(ctx, 400, "INVALID_PARAM_VALUE", "body is not JSON");
            return;
        }

        var pair = (string?)req["currency_pair"];
        var text = (string?)req["text"] ?? "";
        if (!Known(pair))
        {
            await Error(ctx, 400, "INVALID_CURRENCY_PAIR", $"Invalid currency pair {pair}");
            return;
        }

        if (text.Length > 0 && (!text.StartsWith("t-", StringComparison.Ordinal) || text.Length > 30 || text[2..].Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))))
        {
            await Error(ctx, 400, "INVALID_PARAM_VALUE", "text must start with t- and be at most 28 characters of 0-9 a-z A-Z _ . -");
            return;
        }

        JsonObject order;
        string? refused = null;
        lock (_lock)
        {
            var type = (string?)req["type"] ?? "limit";
            var side = (string?)req["side"];
            var amount = D(req["amount"]);
            var price = type == "market" ? (side == "buy" ? Ask : Bid) : D(req["price"]);
            var baseAmount = type == "market" && side == "buy" ? Math.Round(amount / price, 6, MidpointRounding.ToZero) : amount;
            var baseAsset = pair!.Split('_')[0];
            if (side == "buy" && _balances["USDT"] < baseAmount * price) refused = "USDT";
            if (side == "sell" && _balances.GetValueOrDefault(baseAsset) < baseAmount) refused = baseAsset;
            if (refused is null)
            {
                var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
                var now = Now();
                order = new JsonObject
                {
                    ["id"] = id, ["text"] = text, ["create_time"] = now.ToUnixTimeSeconds(), ["update_time"] = now.ToUnixTimeSeconds(),
                    ["create_time_ms"] = now.ToUnixTimeMilliseconds(), ["update_time_ms"] = now.ToUnixTimeMilliseconds(),
                    ["status"] = "open", ["currency_pair"] = pair, ["type"] = type, ["account"] = "spot", ["side"] = side, ["amount"] = S(amount),
                    ["price"] = type == "market" ? "0" : S(price), ["time_in_force"] = (string?)req["time_in_force"] ?? "gtc",
                    ["left"] = S(amount), ["filled_amount"] = "0", ["filled_total"] = "0", ["avg_deal_price"] = "0", ["fee"] = "0",
                    ["fee_currency"] = side == "buy" ? baseAsset : "USDT", ["finish_as"] = "open",
                };
                _orders[id] = order;
                CountAccepted(text);
                var crosses = type == "market" || (side == "buy" ? price >= Ask : price <= Bid);
                if (crosses)
                {
                    var fillQty = fault == VenueFault.PartialFill ? Math.Round(baseAmount / 2, 6, MidpointRounding.ToZero) : baseAmount;
                    Execute(order, fillQty, type == "market" ? price : (side == "buy" ? Ask : Bid));
                    if (type == "market" || (string?)order["time_in_force"] is "ioc" or "fok")
                    {
                        order["status"] = "closed";
                        order["finish_as"] = fillQty >= baseAmount ? "filled" : "ioc";
                        if (type == "market" && side == "buy") order["left"] = S(Math.Max(0, amount - D(order["filled_total"])));
                    }
                }

                order = order.DeepClone().AsObject();
            }
            else
            {
                order = null!;
            }
        }

        if (refused is not null)
        {
            await Error(ctx, 400, "BALANCE_NOT_ENOUGH", $"Not enough balance of {refused}");
            return;
        }

        if (await VenueFaultAnswers.AfterAcceptAsync(ctx, fault, SlowAckDelay)) return;

        await Json(ctx, 201, order);
    }

    // Fills qty (base) of an order at price: balances move, the fee is charged in what is received.
    private void Execute(JsonObject o, decimal qty, decimal price)
    {
        if (qty <= 0) return;
        var side = (string?)o["side"];
        var baseAsset = ((string)o["currency_pair"]!).Split('_')[0];
        var filled = D(o["filled_amount"]) + qty;
        var total = D(o["filled_total"]) + (qty * price);
        var fee = side == "buy" ? qty * FeeRate : qty * price * FeeRate;
        if (side == "buy")
        {
            _balances["USDT"] -= qty * price;
            _balances[baseAsset] = _balances.GetValueOrDefault(baseAsset) + qty - fee;
        }
        else
        {
            _balances[baseAsset] -= qty;
            _balances["USDT"] += (qty * price) - fee;
        }

        o["filled_amount"] = S(filled);
        o["filled_total"] = S(total);
        o["avg_deal_price"] = S(Math.Round(total / filled, 8));
        o["fee"] = S(D(o["fee"]) + fee);
        var isQuoteSized = (string?)o["type"] == "market" && side == "buy";
        if (!isQuoteSized) o["left"] = S(D(o["amount"]) - filled);
        if (!isQuoteSized && D(o["left"]) <= 0)
        {
            o["status"] = "closed";
            o["finish_as"] = "filled";
        }

        o["update_time_ms"] = Now().ToUnixTimeMilliseconds();
        var now = Now();
        _trades.Add(new JsonObject
        {
            ["id"] = (_nextTrade++).ToString(CultureInfo.InvariantCulture), ["create_time"] = now.ToUnixTimeSeconds(), ["create_time_ms"] = now.ToUnixTimeMilliseconds(),
            ["currency_pair"] = (string?)o["currency_pair"], ["side"] = side, ["role"] = "taker", ["amount"] = S(qty), ["price"] = S(price),
            ["order_id"] = (string?)o["id"], ["fee"] = S(fee), ["fee_currency"] = side == "buy" ? baseAsset : "USDT", ["text"] = (string?)o["text"],
        });
    }

    private decimal Locked(string asset) => _orders.Values.Where(o => (string?)o["status"] == "open").Sum(o =>
        (string?)o["side"] == "buy" ? (asset == "USDT" ? D(o["left"]) * D(o["price"]) : 0) : (((string)o["currency_pair"]!).StartsWith(asset + "_", StringComparison.Ordinal) ? D(o["left"]) : 0));

    private bool Authorized(HttpContext ctx, string method, string path, string query, string body, out (string Label, string Message) why)
    {
        var h = ctx.Request.Headers;
        if (string.IsNullOrEmpty(h["KEY"]) || string.IsNullOrEmpty(h["SIGN"]) || string.IsNullOrEmpty(h["Timestamp"]))
        {
            why = ("MISSING_REQUIRED_HEADER", "Missing required header: KEY, Timestamp or SIGN");
            return false;
        }

        if (h["KEY"] != ApiKey)
        {
            why = ("INVALID_KEY", "Invalid key provided");
            return false;
        }

        if (!double.TryParse(h["Timestamp"], NumberStyles.Float, CultureInfo.InvariantCulture, out var ts) || Math.Abs(ts - Now().ToUnixTimeSeconds()) > 60)
        {
            why = ("REQUEST_EXPIRED", "Request timestamp out of the accepted window");
            return false;
        }

        var bodyHash = Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(body)));
        var payload = $"{method}\n/api/v4{path}\n{query}\n{bodyHash}\n{h["Timestamp"]}";
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.UTF8.GetBytes(payload)));
        if (!string.Equals(expected, h["SIGN"], StringComparison.Ordinal))
        {
            why = ("INVALID_SIGNATURE", "Signature mismatch");
            return false;
        }

        why = default;
        return true;
    }

    private JsonArray Candles(IQueryCollection q)
    {
        if (_series is { } series) return SeriesRows(series, q);

        // A gentle deterministic walk per minute; the newest row is still forming.
        var now = Now().ToUnixTimeSeconds() / 60 * 60;
        var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        var from = long.TryParse(q["from"], CultureInfo.InvariantCulture, out var f) ? f / 60 * 60 : now - ((limit - 1) * 60L);
        var to = long.TryParse(q["to"], CultureInfo.InvariantCulture, out var t) ? Math.Min(t, now) : now;
        var rows = new JsonArray();
        for (var ts = from; ts <= to; ts += 60)
        {
            var close = Bid + (decimal)Math.Sin(ts / 600.0) * 50;
            var open = close - 5;
            rows.Add(new JsonArray(ts.ToString(CultureInfo.InvariantCulture), S(close * 2), S(close), S(close + 10), S(open - 10), S(open), "2", ts == now ? "false" : "true"));
        }

        return rows;
    }

    private JsonArray SeriesRows(IReadOnlyList<Lyra.Data.Candles.Candle> series, IQueryCollection q)
    {
        var now = Now().ToUnixTimeSeconds();
        var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        var from = long.TryParse(q["from"], CultureInfo.InvariantCulture, out var f) ? f : long.MinValue;
        var to = long.TryParse(q["to"], CultureInfo.InvariantCulture, out var t) ? t : now;
        var rows = series.Where(c => c.OpenTime.ToUnixTimeSeconds() >= from && c.OpenTime.ToUnixTimeSeconds() <= to && c.OpenTime.ToUnixTimeSeconds() <= now).ToList();
        if (from == long.MinValue) rows = rows.TakeLast(limit).ToList();
        var result = new JsonArray();
        foreach (var c in rows)
        {
            var ts = c.OpenTime.ToUnixTimeSeconds();
            result.Add(new JsonArray(ts.ToString(CultureInfo.InvariantCulture), S(c.Close * c.Volume), S(c.Close), S(c.High), S(c.Low), S(c.Open), S(c.Volume),
                ts + 60 > now ? "false" : "true"));
        }

        return result;
    }

    // Fixed one-second windows, as the venue counts them.
    private bool OverLimit()
    {
        lock (_lock)
        {
            var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (second != _window)
            {
                _window = second;
                _inWindow = 0;
            }

            if (++_inWindow <= RequestLimitPerSecond) return false;
            _violations++;
            return true;
        }
    }

    private decimal Ask => Bid + 1;

    private DateTimeOffset Now() => DateTimeOffset.UtcNow + ClockSkew;

    private static bool Known(string? pair) => pair is "BTC_USDT" or "ETH_USDT";

    private static JsonObject Pair(string id, string @base, int precision, int amountPrecision, string minBase, string minQuote) => new()
    {
        ["id"] = id, ["base"] = @base, ["quote"] = "USDT", ["fee"] = "0.2", ["min_base_amount"] = minBase, ["min_quote_amount"] = minQuote,
        ["amount_precision"] = amountPrecision, ["precision"] = precision, ["trade_status"] = "tradable", ["sell_start"] = 0, ["buy_start"] = 0,
    };

    private static decimal D(JsonNode? n) => decimal.Parse((string?)n ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string S(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Task Json(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext ctx, int status, string label, string message) =>
        Json(ctx, status, new JsonObject { ["label"] = label, ["message"] = message });
}
