using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lyra.Testing.Venues;

/// <summary>
/// A loopback Kraken spot REST API: public GETs (AssetPairs, Ticker, Depth, OHLC with the uncommitted last row, Time)
/// and private form-encoded POSTs checked as documented (API-Key; API-Sign = Base64 HMAC-SHA512 of the Base64-decoded
/// secret over path + SHA-256(nonce + post data); the nonce must grow per key) for BalanceEx, AddOrder (with
/// <c>cl_ord_id</c>), QueryOrders, OpenOrders and ClosedOrders (filter <c>cl_ord_id</c>), TradesHistory and CancelOrder.
/// Errors come as HTTP 200 <c>{"error":["EOrder:Insufficient funds"]}</c> (also EAPI:Invalid key, EAPI:Invalid signature,
/// EAPI:Invalid nonce, EQuery:Unknown asset pair, EOrder:Unknown order, EAPI:Rate limit exceeded, EService:Unavailable).
/// Faults per placement as <see cref="VenueFault"/>.
/// </summary>
public sealed class FakeKrakenServer : FakeVenueServer
{
    /// <summary>The key the fake accepts.</summary>
    public const string ApiKey = "fake-kraken-key";

    /// <summary>The secret (Base64, as Kraken hands it out; test-only).</summary>
    public static readonly string ApiSecret = Convert.ToBase64String(Encoding.UTF8.GetBytes("fake-kraken-secret-0123456789abcdef0123456789"));

    /// <summary>Taker fee, charged in quote.</summary>
    public const decimal FeeRate = 0.004m;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _trades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["ZUSD"] = 100_000m, ["XXBT"] = 0m };
    private long _lastNonce;
    private int _next = 1;

    /// <summary>Starts the server.</summary>
    public static async Task<FakeKrakenServer> StartAsync()
    {
        var s = new FakeKrakenServer();
        s.BaseAddress = await s.ListenAsync(app => app.Map("/0/{**path}", (Func<HttpContext, Task>)s.HandleAsync));
        return s;
    }

    /// <summary>Sets a balance (Kraken's asset code: ZUSD, XXBT).</summary>
    public void SetBalance(string asset, decimal balance)
    {
        lock (_lock) _balances[asset] = balance;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = "/0/" + (string?)ctx.Request.RouteValues["path"];
        Requests.Enqueue($"{ctx.Request.Method} {path}");
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var q = ctx.Request.Query;
        switch (path)
        {
            case "/0/public/Time":
                await Result(ctx, new JsonObject { ["unixtime"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() });
                return;
            case "/0/public/AssetPairs":
                await Result(ctx, new JsonObject
                {
                    ["XXBTZUSD"] = new JsonObject
                    {
                        ["altname"] = "XBTUSD", ["wsname"] = "XBT/USD", ["base"] = "XXBT", ["quote"] = "ZUSD", ["pair_decimals"] = 1, ["lot_decimals"] = 8,
                        ["ordermin"] = "0.0001", ["costmin"] = "0.5", ["tick_size"] = "0.1", ["status"] = "online",
                    },
                });
                return;
            case "/0/public/Ticker" or "/0/public/Depth" or "/0/public/OHLC" when (string?)q["pair"] != "XBTUSD":
                await Errors(ctx, "EQuery:Unknown asset pair");
                return;
            case "/0/public/Ticker":
                await Result(ctx, new JsonObject
                {
                    ["XXBTZUSD"] = new JsonObject
                    {
                        ["a"] = new JsonArray(S(Bid + 1), "1", "1.000"), ["b"] = new JsonArray(S(Bid), "2", "2.000"), ["c"] = new JsonArray(S(Bid + 0.5m), "0.1"),
                        ["v"] = new JsonArray("100.5", "2345.6"),
                    },
                });
                return;
            case "/0/public/Depth":
                await Result(ctx, new JsonObject
                {
                    ["XXBTZUSD"] = new JsonObject
                    {
                        ["asks"] = new JsonArray(new JsonArray(S(Bid + 1), "0.5", 1_700_000_000)), ["bids"] = new JsonArray(new JsonArray(S(Bid), "0.7", 1_700_000_000)),
                    },
                });
                return;
            case "/0/public/OHLC":
                var since = long.TryParse(q["since"], CultureInfo.InvariantCulture, out var si) ? si / 60 * 60 : 0;
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;
                var rows = new JsonArray();
                for (var t = Math.Max(since, now - (720 * 60)); t <= now; t += 60)
                {
                    var close = Bid + (decimal)Math.Sin(t / 600.0) * 50;
                    rows.Add(new JsonArray(t, S(close - 5), S(close + 10), S(close - 15), S(close), S(close), "3", 12));
                }

                await Result(ctx, new JsonObject { ["XXBTZUSD"] = rows, ["last"] = now });
                return;
        }

        var form = System.Web.HttpUtility.ParseQueryString(body);
        if (Unauthorized(ctx, path, body, form["nonce"]) is { } why)
        {
            await Errors(ctx, why);
            return;
        }

        switch (path)
        {
            case "/0/private/BalanceEx":
                JsonObject balances;
                lock (_lock) balances = new JsonObject([.. _balances.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)new JsonObject { ["balance"] = S(b.Value), ["hold_trade"] = "0" }))]);
                await Result(ctx, balances);
                return;
            case "/0/private/AddOrder":
                await AddOrderAsync(ctx, form);
                return;
            case "/0/private/QueryOrders":
                await Result(ctx, Select(o => form["txid"]!.Split(',').Contains((string)o["txid"]!)));
                return;
            case "/0/private/OpenOrders":
                await Result(ctx, new JsonObject { ["open"] = Select(o => (string?)o["status"] == "open" && Matches(o, form["cl_ord_id"])) });
                return;
            case "/0/private/ClosedOrders":
                await Result(ctx, new JsonObject { ["closed"] = Select(o => (string?)o["status"] != "open" && Matches(o, form["cl_ord_id"])) });
                return;
            case "/0/private/TradesHistory":
                JsonObject trades;
                lock (_lock) trades = new JsonObject([.. _trades.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value.DeepClone()))]);
                await Result(ctx, new JsonObject { ["trades"] = trades, ["count"] = trades.Count });
                return;
            case "/0/private/CancelOrder":
                bool canceled;
                lock (_lock)
                {
                    var o = _orders.GetValueOrDefault(form["txid"] ?? "");
                    canceled = o is not null && (string?)o["status"] == "open";
                    if (canceled)
                    {
                        o!["status"] = "canceled";
                        o["closetm"] = Now();
                    }
                }

                if (canceled) await Result(ctx, new JsonObject { ["count"] = 1 });
                else await Errors(ctx, "EOrder:Unknown order");
                return;
        }

        await Errors(ctx, "EGeneral:Unknown method");
    }

    private async Task AddOrderAsync(HttpContext ctx, System.Collections.Specialized.NameValueCollection form)
    {
        var fault = NextFault();
        switch (fault)
        {
            case VenueFault.RateLimit:
                await Errors(ctx, "EAPI:Rate limit exceeded");
                return;
            case VenueFault.DropBeforeAccept:
                ctx.Abort();
                return;
            case VenueFault.UnavailableBeforeAccept:
                await Errors(ctx, "EService:Unavailable");
                return;
        }

        if (form["pair"] != "XBTUSD")
        {
            await Errors(ctx, "EQuery:Unknown asset pair");
            return;
        }

        var clOrdId = form["cl_ord_id"] ?? "";
        string? txid;
        lock (_lock)
        {
            var buy = form["type"] == "buy";
            var market = form["ordertype"] == "market";
            var vol = D(form["volume"]);
            var price = market ? (buy ? Bid + 1 : Bid) : D(form["price"]);
            if (buy ? _balances["ZUSD"] < vol * price * (1 + FeeRate) : _balances["XXBT"] < vol)
            {
                txid = null;
            }
            else
            {
                txid = string.Create(CultureInfo.InvariantCulture, $"O{_next++:D5}-ABCDE-FGHIJK");
                var o = new JsonObject
                {
                    ["txid"] = txid, ["status"] = "open", ["cl_ord_id"] = clOrdId, ["opentm"] = Now(), ["vol"] = S(vol), ["vol_exec"] = "0", ["cost"] = "0", ["fee"] = "0", ["price"] = "0",
                    ["descr"] = new JsonObject { ["pair"] = "XBTUSD", ["type"] = form["type"], ["ordertype"] = form["ordertype"], ["price"] = market ? "0" : S(price) },
                };
                _orders[txid] = o;
                CountAccepted(clOrdId);
                if (market || (buy ? price >= Bid + 1 : price <= Bid))
                {
                    var qty = fault == VenueFault.PartialFill ? vol / 2 : vol;
                    Execute(txid, o, qty, market ? price : (buy ? Bid + 1 : Bid));
                    if (market || form["timeinforce"] == "IOC") o["status"] = "closed";
                }
            }
        }

        if (txid is null)
        {
            await Errors(ctx, "EOrder:Insufficient funds");
            return;
        }

        if (await VenueFaultAnswers.AfterAcceptAsync(ctx, fault, SlowAckDelay)) return;
        await Result(ctx, new JsonObject { ["descr"] = new JsonObject { ["order"] = $"{form["type"]} {form["volume"]} XBTUSD @ {form["ordertype"]}" }, ["txid"] = new JsonArray(txid) });
    }

    private void Execute(string txid, JsonObject o, decimal qty, decimal price)
    {
        var buy = (string?)o["descr"]!["type"] == "buy";
        var filled = D((string?)o["vol_exec"]) + qty;
        var cost = D((string?)o["cost"]) + (qty * price);
        var fee = qty * price * FeeRate;
        _balances["ZUSD"] += buy ? -(qty * price) - fee : (qty * price) - fee;
        _balances["XXBT"] += buy ? qty : -qty;
        o["vol_exec"] = S(filled);
        o["cost"] = S(cost);
        o["price"] = S(Math.Round(cost / filled, 8));
        o["fee"] = S(D((string?)o["fee"]) + fee);
        if (filled >= D((string?)o["vol"]))
        {
            o["status"] = "closed";
            o["closetm"] = Now();
        }

        _trades[string.Create(CultureInfo.InvariantCulture, $"T{_next++:D5}-XYZ")] = new JsonObject
        {
            ["ordertxid"] = txid, ["pair"] = "XXBTZUSD", ["time"] = Now(), ["type"] = buy ? "buy" : "sell", ["price"] = S(price), ["vol"] = S(qty), ["fee"] = S(fee), ["cost"] = S(qty * price),
        };
    }

    private JsonObject Select(Func<JsonObject, bool> which)
    {
        lock (_lock) return new JsonObject([.. _orders.Values.Where(which).Select(o => KeyValuePair.Create((string)o["txid"]!, (JsonNode?)o.DeepClone()))]);
    }

    private static bool Matches(JsonObject o, string? clOrdId) => clOrdId is null || (string?)o["cl_ord_id"] == clOrdId;

    private string? Unauthorized(HttpContext ctx, string path, string body, string? nonce)
    {
        if (ctx.Request.Headers["API-Key"] != ApiKey) return "EAPI:Invalid key";
        var inner = SHA256.HashData(Encoding.UTF8.GetBytes(nonce + body));
        var expected = Convert.ToBase64String(HMACSHA512.HashData(Convert.FromBase64String(ApiSecret), Encoding.UTF8.GetBytes(path).Concat(inner).ToArray()));
        if (expected != ctx.Request.Headers["API-Sign"]) return "EAPI:Invalid signature";
        if (!long.TryParse(nonce, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return "EAPI:Invalid nonce";
        lock (_lock)
        {
            if (n <= _lastNonce) return "EAPI:Invalid nonce";
            _lastNonce = n;
        }

        return null;
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static decimal D(string? s) => s is { Length: > 0 } ? decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;

    private static string S(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Task Result(HttpContext ctx, JsonNode result) => Write(ctx, new JsonObject { ["error"] = new JsonArray(), ["result"] = result });

    private static Task Errors(HttpContext ctx, string error) => Write(ctx, new JsonObject { ["error"] = new JsonArray(error) });

    private static Task Write(HttpContext ctx, JsonNode body)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body.ToJsonString());
    }
}
