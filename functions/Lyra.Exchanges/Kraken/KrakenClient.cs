using System.Globalization;
using System.Text;
using System.Text.Json;
using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;
using static Lyra.Exchanges.Venues.VenueJson;

namespace Lyra.Exchanges.Kraken;

/// <summary>
/// Kraken spot REST over an injected <see cref="HttpClient"/> whose base address is the host (<c>https://api.kraken.com/</c>).
/// Public calls are GETs under <c>/0/public/</c>, private ones form-encoded POSTs under <c>/0/private/</c> with an
/// increasing nonce. Pairs are <c>XBTUSD</c> (altname) or <c>XXBTZUSD</c>; normalized <c>BTC/USD</c>. Errors come as HTTP
/// 200 with <c>{"error":["EOrder:Insufficient funds"]}</c>. A client order id is <c>cl_ord_id</c>: 32 hex characters.
/// The newest OHLC row is still forming and is dropped.
/// </summary>
public sealed class KrakenClient : IVenueClient
{
    /// <summary>Venue id.</summary>
    public const string Id = "kraken";

    /// <summary>Kraken's REST base address.</summary>
    public const string DefaultBaseUrl = "https://api.kraken.com/";

    /// <summary>Order placements per second (Kraken's per-pair matching-engine counter starts small).</summary>
    public const double OrdersPerSecond = 1;

    /// <summary>Other requests per second: 90 % of the starter tier's decay of one call per second.</summary>
    public const double RequestsPerSecond = 0.9;

    private static readonly Dictionary<string, int> Intervals = new(StringComparer.Ordinal)
    {
        ["1m"] = 1, ["5m"] = 5, ["15m"] = 15, ["30m"] = 30, ["1h"] = 60, ["4h"] = 240, ["1d"] = 1440,
    };

    private readonly VenueConnection _c;
    private long _lastNonce;

    /// <summary>Creates the client.</summary>
    public KrakenClient(HttpClient http, VenueOptions options, TimeProvider time) =>
        _c = new VenueConnection(Id, http, options, time, OrdersPerSecond, RequestsPerSecond, ErrorOf);

    /// <inheritdoc />
    public string Venue => Id;

    /// <summary>This venue's limits and resilience.</summary>
    public VenueGuard Guard => _c.Guard;

    /// <inheritdoc />
    public string FormatClientId(string clientOrderId) =>
        clientOrderId.Length == 32 && clientOrderId.All(char.IsAsciiHexDigitLower) ? clientOrderId : DeterministicId.From("", 32, clientOrderId);

    /// <inheritdoc />
    public Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default) => _c.Instruments.GetAsync(LoadInstrumentsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default) =>
        _c.Instruments.FindAsync(symbol, LoadInstrumentsAsync, cancellationToken); // BTC/USD, XBTUSD (altname) or BTCUSD

    /// <inheritdoc />
    public async Task<Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        using var doc = await _c.GetAsync("0/public/Ticker?pair=" + i.VenueSymbol, cancellationToken);
        return Parse(Id, "ticker", () =>
        {
            var t = First(doc);
            return new Ticker(i.Symbol, Dec(t.GetProperty("c")[0]), Dec(t.GetProperty("b")[0]), Dec(t.GetProperty("a")[0]), Dec(t.GetProperty("v")[1]), _c.Time.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        using var doc = await _c.GetAsync(string.Create(CultureInfo.InvariantCulture, $"0/public/Depth?pair={i.VenueSymbol}&count={Math.Clamp(depth, 1, 500)}"), cancellationToken);
        return Parse(Id, "depth", () =>
        {
            var b = First(doc);
            static List<BookLevel> Side(JsonElement rows) => [.. rows.EnumerateArray().Select(r => new BookLevel(Dec(r[0]), Dec(r[1])))];
            return new OrderBook(i.Symbol, Side(b.GetProperty("bids")), Side(b.GetProperty("asks")), _c.Time.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, Timeframe timeframe, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        if (!Intervals.TryGetValue(timeframe.Code, out var minutes)) throw new VenueException(Id, VenueErrorKind.Rejected, $"has no {timeframe.Code} candles");
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        var since = (after ?? _c.Time.GetUtcNow() - (timeframe.Duration * (limit + 1))).ToUnixTimeSeconds();
        using var doc = await _c.GetAsync(string.Create(CultureInfo.InvariantCulture, $"0/public/OHLC?pair={i.VenueSymbol}&interval={minutes}&since={since}"), cancellationToken);
        return Parse(Id, "OHLC", () =>
        {
            var rows = First(doc).EnumerateArray().ToList();
            var result = new List<Candle>();
            // [time, open, high, low, close, vwap, volume, count]; the last row is not committed yet.
            for (var k = 0; k < rows.Count - 1; k++)
            {
                var r = rows[k];
                var t = DateTimeOffset.FromUnixTimeSeconds(r[0].GetInt64());
                if (after is { } a && t <= a) continue;
                result.Add(new Candle(t, Dec(r[1]), Dec(r[2]), Dec(r[3]), Dec(r[4]), Dec(r[6])));
            }

            return (IReadOnlyList<Candle>)(result.Count > limit ? result[..limit] : result);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync("BalanceEx", [], RequestKind.Read, cancellationToken);
        return Parse(Id, "balance", () => (IReadOnlyList<AssetBalance>)[.. doc.RootElement.GetProperty("result").EnumerateObject()
            .Select(p => new AssetBalance(KrakenAssets.Normalize(p.Name), Dec(p.Value, "balance") - Dec(p.Value, "hold_trade"), Dec(p.Value, "hold_trade")))
            .Where(b => b.Total != 0)]);
    }

    /// <inheritdoc />
    public async Task<VenueOrder> PlaceOrderAsync(VenueOrderRequest request, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(request.Symbol, cancellationToken);
        var form = new List<(string, string)>
        {
            ("ordertype", request.Type == OrderType.Market ? "market" : "limit"),
            ("type", request.Side == TradeAction.Buy ? "buy" : "sell"),
            ("volume", Text(request.Quantity)),
            ("pair", i.VenueSymbol),
            ("cl_ord_id", request.ClientId),
        };
        if (request.Type == OrderType.Limit)
        {
            form.Add(("price", Text(request.Price ?? throw new Lyra.Core.Errors.ValidationException("price", "a limit order needs a price"))));
            if (request.TimeInForce == TimeInForce.Ioc) form.Add(("timeinforce", "IOC"));
            if (request.TimeInForce == TimeInForce.PostOnly) form.Add(("oflags", "post"));
        }

        using var doc = await PrivateAsync("AddOrder", form, RequestKind.Order, cancellationToken);
        var txid = Parse(Id, "AddOrder", () => doc.RootElement.GetProperty("result").GetProperty("txid")[0].GetString()!);
        return await GetOrderAsync(i.VenueSymbol, txid, cancellationToken)
            ?? new VenueOrder(txid, request.ClientId, i.Symbol, request.Side, request.Type, VenueOrderState.New, request.Quantity, 0, 0, 0, null, request.Price, _c.Time.GetUtcNow());
    }

    /// <inheritdoc />
    public async Task<VenueOrder> CancelOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var _ = await PrivateAsync("CancelOrder", [("txid", venueOrderId)], RequestKind.Write, cancellationToken);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.NotFound)
        {
            // Already closed: its state below says how.
        }

        return await GetOrderAsync(symbol, venueOrderId, cancellationToken)
            ?? throw new VenueException(Id, VenueErrorKind.NotFound, $"order {venueOrderId} not found after cancel", code: "EOrder:Unknown order");
    }

    /// <inheritdoc />
    public async Task<VenueOrder?> GetOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        var pairs = await GetInstrumentsAsync(cancellationToken);
        using var doc = await PrivateAsync("QueryOrders", [("txid", venueOrderId)], RequestKind.Read, cancellationToken);
        return Parse(Id, "QueryOrders", () => doc.RootElement.GetProperty("result").EnumerateObject().Select(p => ToOrder(p.Name, p.Value, pairs)).FirstOrDefault());
    }

    /// <inheritdoc />
    public async Task<VenueOrder?> FindByClientIdAsync(string symbol, string clientId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var pairs = await GetInstrumentsAsync(cancellationToken);
        using (var open = await PrivateAsync("OpenOrders", [("cl_ord_id", clientId)], RequestKind.Read, cancellationToken))
        {
            var found = Parse(Id, "OpenOrders", () => open.RootElement.GetProperty("result").GetProperty("open").EnumerateObject().Select(p => ToOrder(p.Name, p.Value, pairs)).FirstOrDefault());
            if (found is not null) return found;
        }

        using var closed = await PrivateAsync("ClosedOrders", [("cl_ord_id", clientId), ("start", (since.ToUnixTimeSeconds() - 60).ToString(CultureInfo.InvariantCulture))],
            RequestKind.Read, cancellationToken);
        return Parse(Id, "ClosedOrders", () => closed.RootElement.GetProperty("result").GetProperty("closed").EnumerateObject().Select(p => ToOrder(p.Name, p.Value, pairs)).FirstOrDefault());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken = default)
    {
        var pairs = await GetInstrumentsAsync(cancellationToken);
        using var doc = await PrivateAsync("OpenOrders", [], RequestKind.Read, cancellationToken);
        var all = Parse(Id, "OpenOrders", () => doc.RootElement.GetProperty("result").GetProperty("open").EnumerateObject().Select(p => ToOrder(p.Name, p.Value, pairs)).ToList());
        if (symbol is null) return all;
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        return [.. all.Where(o => o.Symbol == i.Symbol)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        using var doc = await PrivateAsync("TradesHistory", [("start", since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], RequestKind.Read, cancellationToken);
        return Parse(Id, "TradesHistory", () => (IReadOnlyList<VenueFill>)[.. doc.RootElement.GetProperty("result").GetProperty("trades").EnumerateObject()
            .Where(p => Str(p.Value, "pair") is { } pair && (pair == i.VenueSymbol || pair == i.Base + i.Quote || KrakenPairOf(pair) == i.VenueSymbol))
            .Select(p => new VenueFill(p.Name, Str(p.Value, "ordertxid")!, i.Symbol, SideOf(Str(p.Value, "type")), Dec(p.Value, "price"), Dec(p.Value, "vol"),
                Dec(p.Value, "fee"), i.Quote, DateTimeOffset.FromUnixTimeMilliseconds((long)(Dec(p.Value, "time") * 1000))))
            .OrderBy(f => f.Time)]);
    }

    /// <inheritdoc />
    /// <remarks>Kraken signs with an increasing nonce, not a timestamp; its clock is read for the preflight's skew check.</remarks>
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await _c.GetAsync("0/public/Time", cancellationToken);
        return Parse(Id, "Time", () => DateTimeOffset.FromUnixTimeSeconds(doc.RootElement.GetProperty("result").GetProperty("unixtime").GetInt64()));
    }

    /// <inheritdoc />
    public Task<KeyPermissions> GetKeyPermissionsAsync(CancellationToken cancellationToken = default) => Task.FromResult(KeyPermissions.Unknown(Id));

    private async Task<IReadOnlyList<Instrument>> LoadInstrumentsAsync(CancellationToken cancellationToken)
    {
        using var doc = await _c.GetAsync("0/public/AssetPairs", cancellationToken);
        return Parse(Id, "AssetPairs", () => (IReadOnlyList<Instrument>)[.. doc.RootElement.GetProperty("result").EnumerateObject().Select(p =>
        {
            var v = p.Value;
            var b = KrakenAssets.Normalize(Str(v, "base")!);
            var q = KrakenAssets.Normalize(Str(v, "quote")!);
            var tick = VenueJson.DecOrNull(v, "tick_size") ?? Step((int)WholeNumber(v, "pair_decimals"));
            return new Instrument(b + "/" + q, Str(v, "altname")!, b, q, tick, Step((int)WholeNumber(v, "lot_decimals")), Dec(v, "ordermin"), Dec(v, "costmin"),
                Str(v, "status") is null or "online");
        })]);
    }

    private static VenueOrder ToOrder(string txid, JsonElement o, IReadOnlyList<Instrument> pairs)
    {
        var descr = o.GetProperty("descr");
        var filled = Dec(o, "vol_exec");
        var quantity = Dec(o, "vol");
        var state = Str(o, "status") switch
        {
            "pending" => VenueOrderState.New,
            "open" => filled > 0 ? VenueOrderState.PartiallyFilled : VenueOrderState.Open,
            "closed" => filled >= quantity ? VenueOrderState.Filled : VenueOrderState.Expired,
            "expired" => VenueOrderState.Expired,
            _ => VenueOrderState.Canceled,
        };
        var type = Str(descr, "ordertype") == "market" ? OrderType.Market : OrderType.Limit;
        var avg = Dec(o, "price") is > 0 and var p ? p : filled > 0 ? Dec(o, "cost") / filled : 0;
        var pair = Str(descr, "pair");
        var symbol = pairs.FirstOrDefault(i => i.VenueSymbol == pair)?.Symbol ?? pair ?? "";
        var closed = VenueJson.DecOrNull(o, "closetm") ?? Dec(o, "opentm");
        return new VenueOrder(txid, Str(o, "cl_ord_id"), symbol, SideOf(Str(descr, "type")), type, state, quantity, filled, avg, Dec(o, "fee"),
            symbol.Split('/')[^1], type == OrderType.Limit ? Dec(descr, "price") : null, DateTimeOffset.FromUnixTimeMilliseconds((long)(closed * 1000)),
            state is VenueOrderState.Canceled or VenueOrderState.Expired ? Str(o, "reason") ?? Str(o, "status") : null);
    }

    // TradesHistory names pairs by their full name (XXBTZUSD); the altname drops the legacy X/Z prefixes.
    private static string KrakenPairOf(string fullName) =>
        fullName.Length == 8 && fullName[0] is 'X' && fullName[4] is 'Z' or 'X' ? fullName[1..4] + fullName[5..] : fullName;

    private static TradeAction SideOf(string? side) => side == "buy" ? TradeAction.Buy : TradeAction.Sell;

    private static decimal Step(int decimals)
    {
        var v = 1m;
        for (var k = 0; k < decimals; k++) v /= 10;
        return v;
    }

    private static JsonElement First(JsonDocument doc) => doc.RootElement.GetProperty("result").EnumerateObject().First(p => p.Name != "last").Value;

    private Task<JsonDocument> PrivateAsync(string method, IReadOnlyList<(string Key, string Value)> fields, RequestKind kind, CancellationToken cancellationToken) =>
        _c.SendSignedAsync(() => Signed(method, fields), kind, "EAPI:Invalid nonce", _ => Task.FromResult(_c.Time.GetUtcNow()), cancellationToken);

    private HttpRequestMessage Signed(string method, IReadOnlyList<(string Key, string Value)> fields)
    {
        // Increasing across calls even within one millisecond.
        var now = _c.Time.GetUtcNow().ToUnixTimeMilliseconds();
        long nonce;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastNonce);
            nonce = Math.Max(now, seen + 1);
        }
        while (Interlocked.CompareExchange(ref _lastNonce, nonce, seen) != seen);
        var n = nonce.ToString(CultureInfo.InvariantCulture);
        var body = "nonce=" + n + string.Concat(fields.Select(f => "&" + Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var path = "/0/private/" + method;
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("API-Key", _c.Options.ApiKey);
        request.Headers.Add("API-Sign", KrakenSigner.Sign(_c.Options.ApiSecret!, new Uri(_c.Http.Client.BaseAddress!, path.TrimStart('/')).AbsolutePath, n, body));
        return request;
    }

    // Kraken answers HTTP 200 with {"error":[...],"result":{...}}; any entry in "error" is a failure.
    private static VenueException? ErrorOf(VenueResponse response)
    {
        string? code = null;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.TryGetProperty("error", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0) code = errors[0].GetString();
            else if (response.Ok) return null;
        }
        catch (JsonException)
        {
            // A gateway page: kind from the status below.
        }

        var kind = code switch
        {
            "EAPI:Rate limit exceeded" or "EOrder:Rate limit exceeded" or "EGeneral:Too many requests" => VenueErrorKind.RateLimited,
            "EAPI:Invalid key" or "EAPI:Invalid signature" or "EAPI:Invalid nonce" or "EGeneral:Permission denied" => VenueErrorKind.Unauthorized,
            "EOrder:Unknown order" => VenueErrorKind.NotFound,
            "EService:Unavailable" or "EService:Busy" or "EService:Deadline elapsed" => VenueErrorKind.Unknown,
            { } c when c.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => VenueErrorKind.DuplicateClientId,
            null => VenueErrorKind.Unknown,
            _ => VenueErrorKind.Rejected,
        };
        var retry = kind == VenueErrorKind.RateLimited ? response.RetryAfter ?? TimeSpan.FromSeconds(3) : response.RetryAfter;
        return new VenueException(Id, kind, code ?? $"HTTP {(int)response.Status}: {VenueResponse.Clip(response.Body)}", (int)response.Status, code, retry);
    }
}
