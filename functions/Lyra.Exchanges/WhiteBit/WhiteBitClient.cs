using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;
using static Lyra.Exchanges.Venues.VenueJson;

namespace Lyra.Exchanges.WhiteBit;

/// <summary>
/// WhiteBIT spot over an injected <see cref="HttpClient"/> whose base address is the host (<c>https://whitebit.com/</c>).
/// Public data comes from <c>/api/v4/public/*</c> (markets, book, time) and <c>/api/v1/public/*</c> (the ticker with bid
/// and ask; klines, whose rows put close before high and low). Private calls are signed POSTs under <c>/api/v4/</c>.
/// Symbols are <c>BTC_USDT</c>. A client order id is <c>clientOrderId</c> ([A-Za-z0-9._-], at most 64); WhiteBIT refuses
/// a reused one only while the first order is open (code 36), so, as on Gate.io, an unknown outcome is resolved by lookup.
/// Market orders are sent as "stock market" orders, sized in base for both sides.
/// </summary>
public sealed class WhiteBitClient : IVenueClient
{
    /// <summary>Venue id.</summary>
    public const string Id = "whitebit";

    /// <summary>WhiteBIT's REST base address.</summary>
    public const string DefaultBaseUrl = "https://whitebit.com/";

    /// <summary>Order placements per second: far below WhiteBIT's 10,000 per 10 s, at the pace of its order queries.</summary>
    public const double OrdersPerSecond = 90;

    /// <summary>Other requests per second: 90 % of the tightest published limit (the order book's 600 per 10 s).</summary>
    public const double RequestsPerSecond = 54;

    private const string NonceCode = "nonce";
    private const int PageSize = 100;

    private static readonly HashSet<string> Intervals = new(StringComparer.Ordinal) { "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w" };

    private readonly VenueConnection _c;
    private long _lastNonce;

    /// <summary>Creates the client.</summary>
    public WhiteBitClient(HttpClient http, VenueOptions options, TimeProvider time) =>
        _c = new VenueConnection(Id, http, options, time, OrdersPerSecond, RequestsPerSecond, ErrorOf);

    /// <inheritdoc />
    public string Venue => Id;

    /// <summary>This venue's limits and resilience.</summary>
    public VenueGuard Guard => _c.Guard;

    /// <summary>The offset to WhiteBIT's clock (nonces are its milliseconds).</summary>
    public ServerClock Clock => _c.Clock;

    /// <inheritdoc />
    public string FormatClientId(string clientOrderId)
    {
        var ok = clientOrderId.Length is > 0 and <= 64 && clientOrderId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        return ok ? clientOrderId : DeterministicId.From("", 32, clientOrderId);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default) =>
        _c.Instruments.GetAsync(LoadInstrumentsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default) =>
        _c.Instruments.FindAsync(symbol, LoadInstrumentsAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        using var doc = await _c.GetAsync("api/v1/public/ticker?market=" + i.VenueSymbol, cancellationToken);
        return Parse(Id, "ticker", () =>
        {
            var t = doc.RootElement.GetProperty("result");
            return new Ticker(i.Symbol, Dec(t, "last"), Dec(t, "bid"), Dec(t, "ask"), Dec(t, "volume"), _c.Time.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        using var doc = await _c.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v4/public/orderbook/{i.VenueSymbol}?limit={Math.Clamp(depth, 1, 100)}"), cancellationToken);
        return Parse(Id, "order book", () =>
        {
            var root = doc.RootElement;
            static List<BookLevel> Side(JsonElement rows) => [.. rows.EnumerateArray().Select(r => new BookLevel(Dec(r[0]), Dec(r[1])))];
            var time = WholeNumber(root, "timestamp") is > 0 and var s ? DateTimeOffset.FromUnixTimeSeconds(s) : _c.Time.GetUtcNow();
            return new OrderBook(i.Symbol, Side(root.GetProperty("bids")), Side(root.GetProperty("asks")), time);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, Timeframe timeframe, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        if (!Intervals.Contains(timeframe.Code))
        {
            throw new VenueException(Id, VenueErrorKind.Rejected, $"has no {timeframe.Code} candles (it has {string.Join(", ", Intervals)})");
        }

        var i = await GetInstrumentAsync(symbol, cancellationToken);
        limit = Math.Clamp(limit, 1, 1439);
        var now = _c.Clock.Now;
        var start = after is { } a ? a.ToUnixTimeSeconds() + 1 : (now - (timeframe.Duration * (limit + 1))).ToUnixTimeSeconds();
        using var doc = await _c.GetAsync(string.Create(CultureInfo.InvariantCulture,
            $"api/v1/public/kline?market={i.VenueSymbol}&interval={timeframe.Code}&start={start}&limit={limit + 1}"), cancellationToken);
        return Parse(Id, "kline", () =>
        {
            var result = new List<Candle>();
            foreach (var r in doc.RootElement.GetProperty("result").EnumerateArray())
            {
                // [time (s), open, close, high, low, base volume, quote volume]: close comes before high and low.
                var t = DateTimeOffset.FromUnixTimeSeconds(r[0].GetInt64());
                if (t + timeframe.Duration > now) continue; // still forming
                if (after is { } a2 && t <= a2) continue;
                result.Add(new Candle(t, Dec(r[1]), Dec(r[3]), Dec(r[4]), Dec(r[2]), Dec(r[5])));
            }

            return (IReadOnlyList<Candle>)(result.Count > limit ? result[..limit] : result);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync("/api/v4/trade-account/balance", [], RequestKind.Read, cancellationToken);
        return Parse(Id, "balance", () => (IReadOnlyList<AssetBalance>)[.. doc.RootElement.EnumerateObject()
            .Select(p => new AssetBalance(p.Name.ToUpperInvariant(), Dec(p.Value, "available"), Dec(p.Value, "freeze")))
            .Where(b => b.Total != 0)]);
    }

    /// <inheritdoc />
    public async Task<VenueOrder> PlaceOrderAsync(VenueOrderRequest request, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(request.Symbol, cancellationToken);
        var fields = new JsonObject
        {
            ["market"] = i.VenueSymbol,
            ["side"] = request.Side == TradeAction.Buy ? "buy" : "sell",
            ["amount"] = Text(request.Quantity),
            ["clientOrderId"] = request.ClientId,
        };
        string path;
        if (request.Type == OrderType.Market)
        {
            path = "/api/v4/order/stock_market"; // sized in base on both sides (order/market sizes a buy in quote)
        }
        else
        {
            if (request.TimeInForce == TimeInForce.Fok) throw new VenueException(Id, VenueErrorKind.Rejected, "has no fill-or-kill limit orders (use IOC or GTC)");
            path = "/api/v4/order/new";
            fields["price"] = Text(request.Price ?? throw new Lyra.Core.Errors.ValidationException("price", "a limit order needs a price"));
            if (request.TimeInForce == TimeInForce.Ioc) fields["ioc"] = true;
            if (request.TimeInForce == TimeInForce.PostOnly) fields["postOnly"] = true;
        }

        using var doc = await PrivateAsync(path, fields, RequestKind.Order, cancellationToken);
        var order = Parse(Id, "order", () => ToOrder(doc.RootElement, i, history: false));
        return await WithFeesAsync(order, i, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<VenueOrder> CancelOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        try
        {
            using var _ = await PrivateAsync("/api/v4/order/cancel", new JsonObject { ["market"] = i.VenueSymbol, ["orderId"] = OrderIdNode(venueOrderId) }, RequestKind.Write, cancellationToken);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.NotFound)
        {
            // No longer open: its state below says how it ended.
        }

        return await GetOrderAsync(symbol, venueOrderId, cancellationToken)
            ?? throw new VenueException(Id, VenueErrorKind.NotFound, $"order {venueOrderId} not found after cancel", code: "2");
    }

    /// <inheritdoc />
    public Task<VenueOrder?> GetOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default) =>
        LookupAsync(symbol, "orderId", OrderIdNode(venueOrderId), cancellationToken);

    /// <inheritdoc />
    public Task<VenueOrder?> FindByClientIdAsync(string symbol, string clientId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        LookupAsync(symbol, "clientOrderId", clientId, cancellationToken); // WhiteBIT's lookup by id ignores the date filters

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken = default)
    {
        var instruments = await GetInstrumentsAsync(cancellationToken);
        var market = symbol is null ? null : (await GetInstrumentAsync(symbol, cancellationToken)).VenueSymbol;
        var result = new List<VenueOrder>();
        for (var offset = 0; offset <= 10_000; offset += PageSize)
        {
            var fields = new JsonObject { ["offset"] = offset, ["limit"] = PageSize };
            if (market is not null) fields["market"] = market;
            using var doc = await PrivateAsync("/api/v4/orders", fields, RequestKind.Read, cancellationToken);
            var page = Parse(Id, "orders", () => doc.RootElement.EnumerateArray().Select(o => ToOrder(o, InstrumentOf(instruments, Str(o, "market")), history: false)).ToList());
            result.AddRange(page);
            if (page.Count < PageSize) break;
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        var result = new List<VenueFill>();
        for (var offset = 0; offset <= 10_000; offset += PageSize)
        {
            var fields = new JsonObject { ["market"] = i.VenueSymbol, ["startDate"] = since.ToUnixTimeSeconds(), ["offset"] = offset, ["limit"] = PageSize };
            using var doc = await PrivateAsync("/api/v4/trade-account/executed-history", fields, RequestKind.Read, cancellationToken);
            var page = Parse(Id, "executed history", () => Records(doc.RootElement, i.VenueSymbol).Select(d => new VenueFill(
                Str(d, "id")!, Str(d, "orderId") ?? Str(d, "dealOrderId")!, i.Symbol, SideOf(Str(d, "side")), Dec(d, "price"), Dec(d, "amount"), Dec(d, "fee"),
                Str(d, "feeAsset")?.ToUpperInvariant() ?? i.Quote, Seconds(d, "time") ?? _c.Time.GetUtcNow())).ToList());
            result.AddRange(page);
            if (page.Count < PageSize) break;
        }

        return [.. result.Where(f => f.Time >= since).OrderBy(f => f.Time)];
    }

    /// <inheritdoc />
    public Task<KeyPermissions> GetKeyPermissionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(KeyPermissions.Unknown(Id)); // WhiteBIT keys are limited by endpoint lists, which the API does not show

    /// <summary>WhiteBIT's time (<c>GET /api/v4/public/time</c>).</summary>
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await _c.GetAsync("api/v4/public/time", cancellationToken);
        return Parse(Id, "time", () => DateTimeOffset.FromUnixTimeSeconds(WholeNumber(doc.RootElement, "time")));
    }

    private async Task<VenueOrder?> LookupAsync(string symbol, string by, JsonNode id, CancellationToken cancellationToken)
    {
        var i = await GetInstrumentAsync(symbol, cancellationToken);
        try
        {
            using (var open = await PrivateAsync("/api/v4/orders", new JsonObject { ["market"] = i.VenueSymbol, [by] = id.DeepClone() }, RequestKind.Read, cancellationToken))
            {
                var found = Parse(Id, "orders", () => open.RootElement.EnumerateArray().Select(o => ToOrder(o, i, history: false)).FirstOrDefault());
                if (found is not null) return found;
            }

            using var done = await PrivateAsync("/api/v4/trade-account/order/history", new JsonObject { ["market"] = i.VenueSymbol, [by] = id.DeepClone() }, RequestKind.Read, cancellationToken);
            var finished = Parse(Id, "order history", () => Records(done.RootElement, i.VenueSymbol).Select(o => ToOrder(o, i, history: true)).FirstOrDefault());
            return finished is null ? null : await WithFeesAsync(finished, i, cancellationToken);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.NotFound)
        {
            return null;
        }
    }

    // The order answers carry dealFee without its asset (a buy usually pays in base); the order's deals say which.
    private async Task<VenueOrder> WithFeesAsync(VenueOrder order, Instrument i, CancellationToken cancellationToken)
    {
        if (order.FilledQuantity == 0 || !order.State.IsFinal()) return order;
        using var doc = await PrivateAsync("/api/v4/trade-account/order", new JsonObject { ["orderId"] = OrderIdNode(order.VenueOrderId), ["limit"] = PageSize }, RequestKind.Read, cancellationToken);
        return Parse(Id, "order deals", () =>
        {
            var deals = doc.RootElement.GetProperty("records").EnumerateArray().ToList();
            if (deals.Count == 0) return order;
            var assets = deals.Select(d => Str(d, "feeAsset")?.ToUpperInvariant() ?? i.Quote).Distinct().ToList();
            return assets.Count == 1 ? order with { Fee = deals.Sum(d => Dec(d, "fee")), FeeAsset = assets[0] } : order;
        });
    }

    private async Task<IReadOnlyList<Instrument>> LoadInstrumentsAsync(CancellationToken cancellationToken)
    {
        using var doc = await _c.GetAsync("api/v4/public/markets", cancellationToken);
        return Parse(Id, "markets", () => (IReadOnlyList<Instrument>)[.. doc.RootElement.EnumerateArray()
            .Where(m => Str(m, "type") is null or "spot")
            .Select(m =>
            {
                var b = Str(m, "stock")!.ToUpperInvariant();
                var q = Str(m, "money")!.ToUpperInvariant();
                return new Instrument(b + "/" + q, Str(m, "name")!, b, q, Step((int)WholeNumber(m, "moneyPrec")), Step((int)WholeNumber(m, "stockPrec")),
                    Dec(m, "minAmount"), Dec(m, "minTotal"), !m.TryGetProperty("tradesEnabled", out var on) || on.ValueKind != JsonValueKind.False);
            })]);
    }

    private VenueOrder ToOrder(JsonElement o, Instrument i, bool history)
    {
        var side = SideOf(Str(o, "side"));
        var venueType = Str(o, "type") ?? "limit";
        var type = venueType.Contains("market", StringComparison.Ordinal) ? OrderType.Market : OrderType.Limit;
        var filled = Dec(o, "dealStock");
        var money = Dec(o, "dealMoney");
        // A "market" buy is sized in quote: its base quantity is what filled. Stock market orders are sized in base.
        var quantity = venueType == "market" && side == TradeAction.Buy ? filled : Dec(o, "amount");
        var status = (Str(o, "status") ?? "").ToUpperInvariant();
        var immediate = type == OrderType.Market || (o.TryGetProperty("ioc", out var ioc) && ioc.ValueKind == JsonValueKind.True);
        var done = filled > 0 && filled >= quantity;
        var state = status switch
        {
            _ when done => VenueOrderState.Filled,
            "FILLED" when !history && type == OrderType.Limit => filled > 0 ? VenueOrderState.PartiallyFilled : VenueOrderState.Open,
            "FILLED" => VenueOrderState.Filled,
            _ when !history && !immediate && status is not ("CANCELED" or "CANCELLED") => filled > 0 ? VenueOrderState.PartiallyFilled : VenueOrderState.Open,
            "NEW" or "OPEN" => VenueOrderState.Open,
            _ when immediate => VenueOrderState.Expired,
            _ => VenueOrderState.Canceled,
        };
        var time = Seconds(o, "ftime") ?? Seconds(o, "timestamp") ?? Seconds(o, "ctime") ?? _c.Time.GetUtcNow();
        return new VenueOrder(Str(o, "orderId") ?? Str(o, "id")!, Str(o, "clientOrderId") is { Length: > 0 } cid ? cid : null, i.Symbol, side, type, state,
            quantity, filled, filled > 0 ? money / filled : 0, Dec(o, "dealFee"), Str(o, "feeAsset")?.ToUpperInvariant(),
            type == OrderType.Limit ? DecOrNull(o, "price") : null, time,
            state is VenueOrderState.Canceled or VenueOrderState.Expired ? (status.Length > 0 ? status : null) : null);
    }

    // History answers are {"BTC_USDT": [...]} (or [] / {} when nothing matched).
    private static List<JsonElement> Records(JsonElement root, string market) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(market, out var rows) && rows.ValueKind == JsonValueKind.Array ? [.. rows.EnumerateArray()] : [];

    private static Instrument InstrumentOf(IReadOnlyList<Instrument> all, string? market) =>
        all.FirstOrDefault(i => i.VenueSymbol == market)
        ?? new Instrument(SymbolNames.FromSeparated(market ?? "", '_'), market ?? "", "", "", 0, 0, 0, 0, false);

    private static JsonValue OrderIdNode(string venueOrderId) =>
        long.TryParse(venueOrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(venueOrderId);

    private static DateTimeOffset? Seconds(JsonElement o, string name) =>
        DecOrNull(o, name) is { } s and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)) : null;

    private static TradeAction SideOf(string? side) => side == "buy" ? TradeAction.Buy : TradeAction.Sell;

    private static decimal Step(int decimals)
    {
        var v = 1m;
        for (var k = 0; k < decimals; k++) v /= 10;
        return v;
    }

    private Task<JsonDocument> PrivateAsync(string path, JsonObject fields, RequestKind kind, CancellationToken cancellationToken) =>
        _c.SendSignedAsync(() => Signed(path, fields), kind, NonceCode, GetServerTimeAsync, cancellationToken);

    private HttpRequestMessage Signed(string path, JsonObject fields)
    {
        // nonceWindow: the nonce is WhiteBIT's time in ms (±5 s) and only has to be unique, so hosts sharing a key do not
        // have to agree on one counter; within this process it still grows.
        var now = _c.Clock.Now.ToUnixTimeMilliseconds();
        long nonce;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastNonce);
            nonce = Math.Max(now, seen + 1);
        }
        while (Interlocked.CompareExchange(ref _lastNonce, nonce, seen) != seen);
        var body = new JsonObject { ["request"] = path, ["nonce"] = nonce, ["nonceWindow"] = true };
        foreach (var (name, value) in fields) body[name] = value?.DeepClone();
        var text = body.ToJsonString();
        var payload = WhiteBitSigner.Payload(text);
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-TXC-APIKEY", _c.Options.ApiKey);
        request.Headers.Add("X-TXC-PAYLOAD", payload);
        request.Headers.Add("X-TXC-SIGNATURE", WhiteBitSigner.Sign(_c.Options.ApiSecret!, payload));
        return request;
    }

    // Errors are {"code": 36, "message": "Validation failed", "errors": {"clientOrderId": ["..."]}} with 400/422, auth
    // failures a message ("Unauthorized request."), v1 public errors {"success": false, "message": ...}.
    private static VenueException? ErrorOf(VenueResponse response)
    {
        string? code = null;
        var message = VenueResponse.Clip(response.Body);
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            if (response.Ok && !(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.False)) return null;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetRawText() : null;
                var details = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                    ? string.Join("; ", errors.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(m => $"{p.Name}: {m}") : [$"{p.Name}: {p.Value}"]))
                    : "";
                message = string.Join(": ", new[] { Str(root, "message"), details }.Where(s => !string.IsNullOrEmpty(s)));
                if (message.Length == 0) message = VenueResponse.Clip(response.Body);
            }
        }
        catch (JsonException)
        {
            // A gateway page: the status decides below.
        }

        var status = (int)response.Status;
        if (message.Length == 0) message = $"HTTP {status}";
        var kind = VenueErrorKind.Rejected;
        if (response.Status == HttpStatusCode.TooManyRequests) kind = VenueErrorKind.RateLimited;
        else if (status >= 500 || (!response.Ok && status is not (400 or 401 or 403 or 404 or 422) && code is null)) kind = VenueErrorKind.Unknown;
        else if (message.Contains("nonce", StringComparison.OrdinalIgnoreCase) || message.StartsWith("Too many requests", StringComparison.Ordinal))
        {
            // A nonce refused (not larger than the last, or outside the window): nothing was done; resync and resend.
            kind = VenueErrorKind.Unauthorized;
            code = NonceCode;
        }
        else if (status is 401 or 403 || message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase) || message.Contains("permission", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("Invalid payload", StringComparison.Ordinal)) kind = VenueErrorKind.Unauthorized;
        else if (code == "36" && message.Contains("already", StringComparison.OrdinalIgnoreCase)) kind = VenueErrorKind.DuplicateClientId;
        else if (code == "2" || message.Contains("not found", StringComparison.OrdinalIgnoreCase)) kind = VenueErrorKind.NotFound;

        var retry = kind == VenueErrorKind.RateLimited ? response.RetryAfter ?? TimeSpan.FromSeconds(1) : response.RetryAfter;
        return new VenueException(Id, kind, message, status, code, retry);
    }
}
