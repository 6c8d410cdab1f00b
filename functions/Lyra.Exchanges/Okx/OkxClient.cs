using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;
using static Lyra.Exchanges.Venues.VenueJson;

namespace Lyra.Exchanges.Okx;

/// <summary>
/// OKX API v5 (spot, cash mode) over an injected <see cref="HttpClient"/> whose base address is the host
/// (<c>https://www.okx.com/</c>). Symbols are <c>BTC-USDT</c>; a client order id is <c>clOrdId</c>, up to 32 letters and
/// digits. OKX refuses a <c>clOrdId</c> already used by a pending order (51016): that answer means "placed before" and
/// is resolved by lookup. <see cref="VenueOptions.Demo"/> sends <c>x-simulated-trading: 1</c> (demo trading on the same
/// host). OKX reports a key's permissions (<c>/account/config</c>), so a key that can withdraw is refused at start-up.
/// </summary>
public sealed class OkxClient : IVenueClient
{
    /// <summary>Venue id.</summary>
    public const string Id = "okx";

    /// <summary>OKX's REST base address.</summary>
    public const string DefaultBaseUrl = "https://www.okx.com/";

    /// <summary>Order placements per second: 90 % of OKX's 60 per 2 seconds per instrument.</summary>
    public const double OrdersPerSecond = 27;

    /// <summary>Other requests per second: 90 % of the tightest common limit (ticker and books, 20 per 2 seconds).</summary>
    public const double RequestsPerSecond = 9;

    private static readonly Dictionary<string, string> Bars = new(StringComparer.Ordinal)
    {
        ["1m"] = "1m", ["3m"] = "3m", ["5m"] = "5m", ["15m"] = "15m", ["30m"] = "30m", ["1h"] = "1H", ["2h"] = "2H", ["4h"] = "4H",
        ["6h"] = "6Hutc", ["12h"] = "12Hutc", ["1d"] = "1Dutc",
    };

    private readonly VenueConnection _c;

    /// <summary>Creates the client.</summary>
    public OkxClient(HttpClient http, VenueOptions options, TimeProvider time) =>
        _c = new VenueConnection(Id, http, options, time, OrdersPerSecond, RequestsPerSecond, ErrorOf);

    /// <inheritdoc />
    public string Venue => Id;

    /// <summary>This venue's limits and resilience.</summary>
    public VenueGuard Guard => _c.Guard;

    /// <summary>The offset to OKX's clock used in signatures.</summary>
    public ServerClock Clock => _c.Clock;

    /// <inheritdoc />
    public string FormatClientId(string clientOrderId) =>
        clientOrderId.Length is > 0 and <= 32 && clientOrderId.All(char.IsAsciiLetterOrDigit) ? clientOrderId : DeterministicId.From("", 32, clientOrderId);

    /// <inheritdoc />
    public Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default) =>
        _c.Instruments.GetAsync(LoadInstrumentsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default) =>
        _c.Instruments.FindAsync(symbol, LoadInstrumentsAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var data = await PublicAsync("api/v5/market/ticker?instId=" + Inst(symbol), cancellationToken);
        return Parse(Id, "ticker", () =>
        {
            var t = data.RootElement.GetProperty("data")[0];
            return new Ticker(SymbolNames.FromSeparated(Str(t, "instId")!, '-'), Dec(t, "last"), Dec(t, "bidPx"), Dec(t, "askPx"), Dec(t, "vol24h"),
                DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(t, "ts")));
        });
    }

    /// <inheritdoc />
    public async Task<OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default)
    {
        var inst = Inst(symbol);
        using var data = await PublicAsync(string.Create(CultureInfo.InvariantCulture, $"api/v5/market/books?instId={inst}&sz={Math.Clamp(depth, 1, 400)}"), cancellationToken);
        return Parse(Id, "books", () =>
        {
            var b = data.RootElement.GetProperty("data")[0];
            static List<BookLevel> Side(JsonElement rows) => [.. rows.EnumerateArray().Select(r => new BookLevel(Dec(r[0]), Dec(r[1])))];
            return new OrderBook(SymbolNames.FromSeparated(inst, '-'), Side(b.GetProperty("bids")), Side(b.GetProperty("asks")), DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(b, "ts")));
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, Timeframe timeframe, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        if (!Bars.TryGetValue(timeframe.Code, out var bar)) throw new VenueException(Id, VenueErrorKind.Rejected, $"has no {timeframe.Code} candles");
        limit = Math.Clamp(limit, 1, 299);
        // OKX pages backwards: "after" = older than a time, "before" = newer than a time; rows come newest first.
        var url = string.Create(CultureInfo.InvariantCulture, $"api/v5/market/candles?instId={Inst(symbol)}&bar={bar}&limit={limit + 1}");
        if (after is { } a) url += string.Create(CultureInfo.InvariantCulture, $"&before={a.ToUnixTimeMilliseconds()}&after={a.ToUnixTimeMilliseconds() + ((limit + 1) * timeframe.Milliseconds) + 1}");
        using var doc = await PublicAsync(url, cancellationToken);
        return Parse(Id, "candles", () =>
        {
            var result = new List<Candle>();
            foreach (var r in doc.RootElement.GetProperty("data").EnumerateArray())
            {
                // [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]; confirm 0 is the forming candle.
                if (r.GetArrayLength() > 8 && r[8].GetString() == "0") continue;
                var t = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(r[0].GetString()!, CultureInfo.InvariantCulture));
                if (after is { } a2 && t <= a2) continue;
                result.Add(new Candle(t, Dec(r[1]), Dec(r[2]), Dec(r[3]), Dec(r[4]), Dec(r[5])));
            }

            result.Reverse();
            return (IReadOnlyList<Candle>)(result.Count > limit ? result[..limit] : result);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync(HttpMethod.Get, "api/v5/account/balance", null, cancellationToken);
        return Parse(Id, "balance", () => (IReadOnlyList<AssetBalance>)[.. doc.RootElement.GetProperty("data")[0].GetProperty("details").EnumerateArray()
            .Select(d => new AssetBalance(Str(d, "ccy")!.ToUpperInvariant(), Dec(d, "availBal"), Dec(d, "frozenBal")))
            .Where(b => b.Total != 0)]);
    }

    /// <inheritdoc />
    public async Task<VenueOrder> PlaceOrderAsync(VenueOrderRequest request, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(request.Symbol, cancellationToken);
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instId"] = instrument.VenueSymbol,
            ["tdMode"] = "cash",
            ["clOrdId"] = request.ClientId,
            ["side"] = request.Side == TradeAction.Buy ? "buy" : "sell",
            ["sz"] = Text(request.Quantity),
        };
        if (request.Type == OrderType.Market)
        {
            body["ordType"] = "market";
            body["tgtCcy"] = "base_ccy"; // a market buy's size is in quote currency unless told otherwise
        }
        else
        {
            body["ordType"] = request.TimeInForce switch { TimeInForce.Ioc => "ioc", TimeInForce.Fok => "fok", TimeInForce.PostOnly => "post_only", _ => "limit" };
            body["px"] = Text(request.Price ?? throw new Lyra.Core.Errors.ValidationException("price", "a limit order needs a price"));
        }

        using var doc = await PrivateAsync(HttpMethod.Post, "api/v5/trade/order", JsonSerializer.Serialize(body), cancellationToken);
        var ordId = Parse(Id, "order", () => Str(doc.RootElement.GetProperty("data")[0], "ordId")!);
        // The acknowledgement holds ids only: the order's state comes from a read.
        return await GetOrderAsync(instrument.VenueSymbol, ordId, cancellationToken)
            ?? new VenueOrder(ordId, request.ClientId, instrument.Symbol, request.Side, request.Type, VenueOrderState.New, request.Quantity, 0, 0, 0, null, request.Price, _c.Time.GetUtcNow());
    }

    /// <inheritdoc />
    public async Task<VenueOrder> CancelOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["instId"] = Inst(symbol), ["ordId"] = venueOrderId });
        try
        {
            using var _ = await PrivateAsync(HttpMethod.Post, "api/v5/trade/cancel-order", body, cancellationToken);
        }
        catch (VenueException e) when (e.Code is "51400" or "51401" or "51402")
        {
            // Already filled or canceled: the order's state below says which.
        }

        return await GetOrderAsync(symbol, venueOrderId, cancellationToken)
            ?? throw new VenueException(Id, VenueErrorKind.NotFound, $"order {venueOrderId} not found after cancel", code: "51603");
    }

    /// <inheritdoc />
    public Task<VenueOrder?> GetOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default) =>
        OrderAsync($"instId={Inst(symbol)}&ordId={Uri.EscapeDataString(venueOrderId)}", cancellationToken);

    /// <inheritdoc />
    public Task<VenueOrder?> FindByClientIdAsync(string symbol, string clientId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        // /trade/order by clOrdId covers pending orders and the recent history (canceled unfilled orders for 2 hours).
        OrderAsync($"instId={Inst(symbol)}&clOrdId={Uri.EscapeDataString(clientId)}", cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync(HttpMethod.Get, "api/v5/trade/orders-pending?instType=SPOT" + (symbol is null ? "" : "&instId=" + Inst(symbol)), null, cancellationToken);
        return Parse(Id, "orders", () => (IReadOnlyList<VenueOrder>)[.. doc.RootElement.GetProperty("data").EnumerateArray().Select(ToOrder)]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"api/v5/trade/fills?instType=SPOT&instId={Inst(symbol)}&begin={since.ToUnixTimeMilliseconds()}");
        using var doc = await PrivateAsync(HttpMethod.Get, query, null, cancellationToken);
        return Parse(Id, "fills", () => (IReadOnlyList<VenueFill>)[.. doc.RootElement.GetProperty("data").EnumerateArray()
            .Select(f => new VenueFill(Str(f, "tradeId")!, Str(f, "ordId")!, SymbolNames.FromSeparated(Str(f, "instId")!, '-'), SideOf(Str(f, "side")),
                Dec(f, "fillPx"), Dec(f, "fillSz"), Math.Abs(Dec(f, "fee")), (Str(f, "feeCcy") ?? "").ToUpperInvariant(), DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(f, "ts"))))
            .OrderBy(f => f.Time)]);
    }

    /// <inheritdoc />
    public async Task<KeyPermissions> GetKeyPermissionsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync(HttpMethod.Get, "api/v5/account/config", null, cancellationToken);
        var perm = Parse(Id, "account config", () => Str(doc.RootElement.GetProperty("data")[0], "perm") ?? "");
        var set = perm.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new KeyPermissions(true, set.Contains("trade"), set.Contains("withdraw"), $"okx reports the key's permissions as '{perm}'");
    }

    /// <summary>OKX's time (<c>GET /api/v5/public/time</c>).</summary>
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PublicAsync("api/v5/public/time", cancellationToken);
        return Parse(Id, "time", () => DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(doc.RootElement.GetProperty("data")[0], "ts")));
    }

    private async Task<VenueOrder?> OrderAsync(string query, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await PrivateAsync(HttpMethod.Get, "api/v5/trade/order?" + query, null, cancellationToken);
            return Parse(Id, "order", () => doc.RootElement.GetProperty("data").EnumerateArray().Select(ToOrder).FirstOrDefault());
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<Instrument>> LoadInstrumentsAsync(CancellationToken cancellationToken)
    {
        using var doc = await PublicAsync("api/v5/public/instruments?instType=SPOT", cancellationToken);
        return Parse(Id, "instruments", () => (IReadOnlyList<Instrument>)[.. doc.RootElement.GetProperty("data").EnumerateArray().Select(i =>
        {
            var b = Str(i, "baseCcy")!.ToUpperInvariant();
            var q = Str(i, "quoteCcy")!.ToUpperInvariant();
            return new Instrument(b + "/" + q, Str(i, "instId")!, b, q, Dec(i, "tickSz"), Dec(i, "lotSz"), Dec(i, "minSz"), 0m, Str(i, "state") == "live");
        })]);
    }

    private VenueOrder ToOrder(JsonElement o)
    {
        var filled = Dec(o, "accFillSz");
        var state = Str(o, "state") switch
        {
            "live" => VenueOrderState.Open,
            "partially_filled" => VenueOrderState.PartiallyFilled,
            "filled" => VenueOrderState.Filled,
            _ when Str(o, "ordType") is "ioc" or "fok" or "market" && filled > 0 => VenueOrderState.Expired,
            _ => VenueOrderState.Canceled,
        };
        var type = Str(o, "ordType") == "market" ? OrderType.Market : OrderType.Limit;
        return new VenueOrder(Str(o, "ordId")!, Str(o, "clOrdId") is { Length: > 0 } c ? c : null, SymbolNames.FromSeparated(Str(o, "instId")!, '-'), SideOf(Str(o, "side")),
            type, state, Dec(o, "sz"), filled, Dec(o, "avgPx"), Math.Abs(Dec(o, "fee")), Str(o, "feeCcy")?.ToUpperInvariant(),
            type == OrderType.Limit ? Dec(o, "px") : null, DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(o, "uTime")),
            state is VenueOrderState.Canceled or VenueOrderState.Expired ? Str(o, "state") : null);
    }

    private static TradeAction SideOf(string? side) => side == "buy" ? TradeAction.Buy : TradeAction.Sell;

    private static string Inst(string symbol) => SymbolNames.ToSeparated(symbol, '-');

    private Task<JsonDocument> PublicAsync(string pathAndQuery, CancellationToken cancellationToken) => _c.GetAsync(pathAndQuery, cancellationToken);

    private Task<JsonDocument> PrivateAsync(HttpMethod method, string pathAndQuery, string? body, CancellationToken cancellationToken)
    {
        if (_c.Options.HasCredentials && string.IsNullOrEmpty(_c.Options.Passphrase))
        {
            throw new VenueException(Id, VenueErrorKind.Unauthorized, "no API passphrase: set Lyra:Exchanges:okx:Passphrase (lyra vault set)");
        }

        var kind = method == HttpMethod.Get ? RequestKind.Read : pathAndQuery == "api/v5/trade/order" ? RequestKind.Order : RequestKind.Write;
        return _c.SendSignedAsync(() => Signed(method, pathAndQuery, body), kind, "50102", GetServerTimeAsync, cancellationToken);
    }

    private HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, string? body)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        var uri = new Uri(_c.Http.Client.BaseAddress!, request.RequestUri!);
        var ts = OkxSigner.Timestamp(_c.Clock.Now);
        request.Headers.Add("OK-ACCESS-KEY", _c.Options.ApiKey);
        request.Headers.Add("OK-ACCESS-SIGN", OkxSigner.Sign(_c.Options.ApiSecret!, ts, method.Method, uri.PathAndQuery, body ?? ""));
        request.Headers.Add("OK-ACCESS-TIMESTAMP", ts);
        request.Headers.Add("OK-ACCESS-PASSPHRASE", _c.Options.Passphrase);
        if (_c.Options.Demo) request.Headers.Add("x-simulated-trading", "1");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    // OKX answers {"code","msg","data"}: code "0" is success, anything else an error even on HTTP 200; an order's own error
    // is data[0].sCode.
    private static VenueException? ErrorOf(VenueResponse response)
    {
        string? code = null;
        var message = VenueResponse.Clip(response.Body);
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            code = doc.RootElement.ValueKind == JsonValueKind.Object ? Str(doc.RootElement, "code") : null;
            if (response.Ok && code == "0") return null;
            message = Str(doc.RootElement, "msg") is { Length: > 0 } m ? m : message;
            if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                && Str(data[0], "sCode") is { Length: > 0 } s && s != "0")
            {
                code = s;
                message = Str(data[0], "sMsg") ?? message;
            }
        }
        catch (JsonException)
        {
            // A gateway page: keep the raw text.
        }

        return Classify(response, code, message);
    }

    private static VenueException Classify(VenueResponse response, string? code, string message)
    {
        var status = (int)response.Status;
        var kind = code switch
        {
            "50011" or "50061" => VenueErrorKind.RateLimited,
            "50102" or "50111" or "50113" or "50103" or "50104" or "50105" or "50110" => VenueErrorKind.Unauthorized,
            "51016" => VenueErrorKind.DuplicateClientId,
            "51603" => VenueErrorKind.NotFound,
            "50001" or "50004" or "50013" => VenueErrorKind.Unknown,
            _ when response.Status == HttpStatusCode.TooManyRequests => VenueErrorKind.RateLimited,
            _ when status >= 500 || code is null => VenueErrorKind.Unknown,
            _ => VenueErrorKind.Rejected,
        };
        var retry = kind == VenueErrorKind.RateLimited ? response.RetryAfter ?? TimeSpan.FromSeconds(2) : response.RetryAfter;
        return new VenueException(Id, kind, message, status, code, retry);
    }
}
