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

namespace Lyra.Exchanges.GateIo;

/// <summary>
/// Gate.io spot API v4 over an injected <see cref="HttpClient"/> whose base address ends in <c>/api/v4/</c>.
/// Symbols are <c>BTC_USDT</c>; a client order id is the order's <c>text</c>, <c>t-</c> plus at most 28 characters.
/// A market buy is sized in quote currency on Gate.io: the base quantity is converted at the best ask.
/// Gate.io has no duplicate check on <c>text</c>, so an unknown outcome must be resolved by lookup (open orders, the
/// order by text, then finished orders and fills), never by sending again.
/// </summary>
public sealed class GateIoClient : IVenueClient
{
    /// <summary>Venue id.</summary>
    public const string Id = "gateio";

    /// <summary>Gate.io's REST base address.</summary>
    public const string DefaultBaseUrl = "https://api.gateio.ws/api/v4/";

    /// <summary>Order placements per second: 90 % of Gate.io's 10 per second per pair and account.</summary>
    public const double OrdersPerSecond = 9;

    /// <summary>Other requests per second: 90 % of Gate.io's 200 per 10 seconds per endpoint.</summary>
    public const double RequestsPerSecond = 18;

    private static readonly Dictionary<string, string> Intervals = new(StringComparer.Ordinal)
    {
        ["1m"] = "1m", ["5m"] = "5m", ["15m"] = "15m", ["30m"] = "30m", ["1h"] = "1h", ["4h"] = "4h", ["1d"] = "1d",
    };

    private readonly VenueConnection _c;

    /// <summary>Creates the client.</summary>
    public GateIoClient(HttpClient http, VenueOptions options, TimeProvider time) =>
        _c = new VenueConnection(Id, http, options, time, OrdersPerSecond, RequestsPerSecond, r => r.Ok ? null : ToError(r));

    /// <inheritdoc />
    public string Venue => Id;

    /// <summary>This venue's limits and resilience.</summary>
    public VenueGuard Guard => _c.Guard;

    /// <summary>The offset to Gate.io's clock used in signatures.</summary>
    public ServerClock Clock => _c.Clock;

    /// <inheritdoc />
    public string FormatClientId(string clientOrderId)
    {
        // "t-" + at most 28 of [0-9A-Za-z_.-]; other ids are hashed into that shape (deterministically).
        var ok = clientOrderId.Length is > 0 and <= 28 && clientOrderId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        return "t-" + (ok ? clientOrderId : DeterministicId.From("", 28, clientOrderId));
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
        var pair = Pair(symbol);
        using var doc = await PublicAsync($"spot/tickers?currency_pair={pair}", cancellationToken);
        return Parse(Id, "ticker", () =>
        {
            var t = doc.RootElement.EnumerateArray().First();
            return new Ticker(SymbolNames.FromSeparated(pair, '_'), Dec(t, "last"), Dec(t, "highest_bid"), Dec(t, "lowest_ask"), Dec(t, "base_volume"), _c.Time.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default)
    {
        var pair = Pair(symbol);
        using var doc = await PublicAsync(string.Create(CultureInfo.InvariantCulture, $"spot/order_book?currency_pair={pair}&limit={Math.Clamp(depth, 1, 100)}"), cancellationToken);
        return Parse(Id, "order book", () =>
        {
            var root = doc.RootElement;
            static List<BookLevel> Side(JsonElement rows) => [.. rows.EnumerateArray().Select(r => new BookLevel(Dec(r[0]), Dec(r[1])))];
            var time = WholeNumber(root, "current") is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : _c.Time.GetUtcNow();
            return new OrderBook(SymbolNames.FromSeparated(pair, '_'), Side(root.GetProperty("bids")), Side(root.GetProperty("asks")), time);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, Timeframe timeframe, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        if (!Intervals.TryGetValue(timeframe.Code, out var interval))
        {
            throw new VenueException(Id, VenueErrorKind.Rejected, $"has no {timeframe.Code} candles (it has {string.Join(", ", Intervals.Keys)})");
        }

        var pair = Pair(symbol);
        limit = Math.Clamp(limit, 1, 999);
        // Gate.io takes either from/to or limit; from/to with "to" far enough ahead reads forward from a point.
        var url = after is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"spot/candlesticks?currency_pair={pair}&interval={interval}&from={a.ToUnixTimeSeconds() + 1}&to={a.ToUnixTimeSeconds() + ((limit + 1) * (long)timeframe.Duration.TotalSeconds)}")
            : string.Create(CultureInfo.InvariantCulture, $"spot/candlesticks?currency_pair={pair}&interval={interval}&limit={limit + 1}");
        using var doc = await PublicAsync(url, cancellationToken);
        return Parse(Id, "candlesticks", () =>
        {
            var result = new List<Candle>();
            foreach (var r in doc.RootElement.EnumerateArray())
            {
                // [t (s), quote volume, close, high, low, open, base volume, closed]; the closed flag marks the forming candle.
                if (r.GetArrayLength() > 7 && r[7].GetString() == "false") continue;
                var t = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r[0].GetString()!, CultureInfo.InvariantCulture));
                if (after is { } a2 && t <= a2) continue;
                result.Add(new Candle(t, Dec(r[5]), Dec(r[3]), Dec(r[4]), Dec(r[2]), Dec(r[6])));
            }

            return (IReadOnlyList<Candle>)(result.Count > limit ? result[..limit] : result);
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync(HttpMethod.Get, "spot/accounts", "", null, cancellationToken);
        return Parse(Id, "accounts", () => (IReadOnlyList<AssetBalance>)[.. doc.RootElement.EnumerateArray()
            .Select(a => new AssetBalance(Str(a, "currency")!.ToUpperInvariant(), Dec(a, "available"), Dec(a, "locked")))
            .Where(b => b.Total != 0)]);
    }

    /// <inheritdoc />
    public async Task<VenueOrder> PlaceOrderAsync(VenueOrderRequest request, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(request.Symbol, cancellationToken);
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["text"] = request.ClientId,
            ["currency_pair"] = instrument.VenueSymbol,
            ["type"] = request.Type == OrderType.Market ? "market" : "limit",
            ["account"] = "spot",
            ["side"] = request.Side == TradeAction.Buy ? "buy" : "sell",
        };
        if (request.Type == OrderType.Market)
        {
            var amount = request.Quantity;
            if (request.Side == TradeAction.Buy)
            {
                // Gate.io sizes a market buy in quote currency.
                var ask = (await GetTickerAsync(instrument.VenueSymbol, cancellationToken)).Ask;
                amount = Math.Round(request.Quantity * ask, Decimals(instrument.TickSize), MidpointRounding.ToPositiveInfinity);
            }

            body["amount"] = Text(amount);
            body["time_in_force"] = request.TimeInForce == TimeInForce.Fok ? "fok" : "ioc";
        }
        else
        {
            body["amount"] = Text(request.Quantity);
            body["price"] = Text(request.Price ?? throw new Lyra.Core.Errors.ValidationException("price", "a limit order needs a price"));
            body["time_in_force"] = request.TimeInForce switch { TimeInForce.Ioc => "ioc", TimeInForce.Fok => "fok", TimeInForce.PostOnly => "poc", _ => "gtc" };
        }

        using var doc = await PrivateAsync(HttpMethod.Post, "spot/orders", "", JsonSerializer.Serialize(body), cancellationToken);
        return Parse(Id, "order", () => ToOrder(doc.RootElement));
    }

    /// <inheritdoc />
    public async Task<VenueOrder> CancelOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        using var doc = await PrivateAsync(HttpMethod.Delete, "spot/orders/" + Uri.EscapeDataString(venueOrderId), "currency_pair=" + Pair(symbol), null, cancellationToken);
        return Parse(Id, "order", () => ToOrder(doc.RootElement));
    }

    /// <inheritdoc />
    public async Task<VenueOrder?> GetOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var doc = await PrivateAsync(HttpMethod.Get, "spot/orders/" + Uri.EscapeDataString(venueOrderId), "currency_pair=" + Pair(symbol), null, cancellationToken);
            return Parse(Id, "order", () => ToOrder(doc.RootElement));
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<VenueOrder?> FindByClientIdAsync(string symbol, string clientId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // By text works while the order is open and for an hour after it finished; after that only the history has it.
        if (await GetOrderAsync(symbol, clientId, cancellationToken) is { } byText) return byText;
        var pair = Pair(symbol);
        var from = since.ToUnixTimeSeconds() - 60;
        var to = _c.Clock.Now.ToUnixTimeSeconds() + 60;
        for (var page = 1; page <= 10; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"currency_pair={pair}&status=finished&page={page}&limit=100&from={from}&to={to}");
            using var doc = await PrivateAsync(HttpMethod.Get, "spot/orders", query, null, cancellationToken);
            var (found, count) = Parse(Id, "orders", () =>
            {
                var n = 0;
                foreach (var o in doc.RootElement.EnumerateArray())
                {
                    n++;
                    if (Str(o, "text") == clientId) return (ToOrder(o), n);
                }

                return ((VenueOrder?)null, n);
            });
            if (found is not null) return found;
            if (count < 100) break;
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken = default)
    {
        if (symbol is not null)
        {
            using var one = await PrivateAsync(HttpMethod.Get, "spot/orders", "currency_pair=" + Pair(symbol) + "&status=open", null, cancellationToken);
            return Parse(Id, "orders", () => (IReadOnlyList<VenueOrder>)[.. one.RootElement.EnumerateArray().Select(ToOrder)]);
        }

        using var doc = await PrivateAsync(HttpMethod.Get, "spot/open_orders", "", null, cancellationToken);
        return Parse(Id, "open orders", () => (IReadOnlyList<VenueOrder>)[.. doc.RootElement.EnumerateArray()
            .SelectMany(p => p.GetProperty("orders").EnumerateArray().Select(ToOrder))]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var pair = Pair(symbol);
        var query = string.Create(CultureInfo.InvariantCulture, $"currency_pair={pair}&limit=1000&from={since.ToUnixTimeSeconds()}&to={_c.Clock.Now.ToUnixTimeSeconds() + 60}");
        using var doc = await PrivateAsync(HttpMethod.Get, "spot/my_trades", query, null, cancellationToken);
        return Parse(Id, "trades", () => (IReadOnlyList<VenueFill>)[.. doc.RootElement.EnumerateArray()
            .Select(t => new VenueFill(Str(t, "id")!, Str(t, "order_id")!, SymbolNames.FromSeparated(Str(t, "currency_pair")!, '_'), SideOf(Str(t, "side")),
                Dec(t, "price"), Dec(t, "amount"), Dec(t, "fee"), (Str(t, "fee_currency") ?? "").ToUpperInvariant(), TimeOf(t)))
            .OrderBy(f => f.Time)]);
    }

    /// <inheritdoc />
    public Task<KeyPermissions> GetKeyPermissionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(KeyPermissions.Unknown(Id));

    /// <summary>Gate.io's time (<c>GET /spot/time</c>).</summary>
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await PublicAsync("spot/time", cancellationToken);
        return Parse(Id, "time", () => DateTimeOffset.FromUnixTimeMilliseconds(WholeNumber(doc.RootElement, "server_time")));
    }

    private async Task<IReadOnlyList<Instrument>> LoadInstrumentsAsync(CancellationToken cancellationToken)
    {
        using var doc = await PublicAsync("spot/currency_pairs", cancellationToken);
        return Parse(Id, "currency pairs", () => (IReadOnlyList<Instrument>)[.. doc.RootElement.EnumerateArray().Select(p =>
        {
            var id = Str(p, "id")!;
            var b = Str(p, "base")!.ToUpperInvariant();
            var q = Str(p, "quote")!.ToUpperInvariant();
            return new Instrument(b + "/" + q, id, b, q, Pow10(-(int)WholeNumber(p, "precision")), Pow10(-(int)WholeNumber(p, "amount_precision")),
                Dec(p, "min_base_amount"), Dec(p, "min_quote_amount"), Str(p, "trade_status") == "tradable");
        })]);
    }

    private VenueOrder ToOrder(JsonElement o)
    {
        var side = SideOf(Str(o, "side"));
        var type = Str(o, "type") == "market" ? OrderType.Market : OrderType.Limit;
        var status = Str(o, "status");
        var finish = Str(o, "finish_as");
        var amount = Dec(o, "amount");
        var total = Dec(o, "filled_total");
        var avg = Dec(o, "avg_deal_price");
        // A market buy's amount and left are in quote currency: its base quantity is what filled.
        var quoteSized = type == OrderType.Market && side == TradeAction.Buy;
        var filled = DecOrNull(o, "filled_amount") ?? (quoteSized ? (avg > 0 ? total / avg : 0) : amount - Dec(o, "left"));
        if (avg == 0 && filled > 0) avg = total / filled;
        var quantity = quoteSized ? filled : amount;
        var state = status switch
        {
            "open" => filled > 0 ? VenueOrderState.PartiallyFilled : VenueOrderState.Open,
            "closed" when finish is "filled" or null => VenueOrderState.Filled,
            _ when finish is "ioc" or "fok" or "poc" or "depth_not_enough" or "trader_not_enough" or "small" => VenueOrderState.Expired,
            "closed" when filled > 0 && filled >= quantity => VenueOrderState.Filled,
            _ => VenueOrderState.Canceled,
        };
        var updated = WholeNumber(o, "update_time_ms") is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : _c.Time.GetUtcNow();
        return new VenueOrder(Str(o, "id")!, Str(o, "text"), SymbolNames.FromSeparated(Str(o, "currency_pair")!, '_'), side, type, state,
            quantity, filled, avg, Dec(o, "fee"), Str(o, "fee_currency")?.ToUpperInvariant(), type == OrderType.Limit ? Dec(o, "price") : null, updated,
            state is VenueOrderState.Canceled or VenueOrderState.Expired ? finish : null);
    }

    private static TradeAction SideOf(string? side) => side == "buy" ? TradeAction.Buy : TradeAction.Sell;

    private static DateTimeOffset TimeOf(JsonElement t) =>
        WholeNumber(t, "create_time_ms") is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.FromUnixTimeSeconds(WholeNumber(t, "create_time"));

    private static string Pair(string symbol) => SymbolNames.ToSeparated(symbol, '_');

    private static decimal Pow10(int exponent)
    {
        var v = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++) v = exponent < 0 ? v / 10 : v * 10;
        return v;
    }

    private static int Decimals(decimal step) => step <= 0 ? 8 : Math.Max(0, (int)Math.Round(-Math.Log10((double)step)));

    private Task<JsonDocument> PublicAsync(string pathAndQuery, CancellationToken cancellationToken) => _c.GetAsync(pathAndQuery, cancellationToken);

    private Task<JsonDocument> PrivateAsync(HttpMethod method, string path, string query, string? body, CancellationToken cancellationToken)
    {
        var kind = method == HttpMethod.Get ? RequestKind.Read : method == HttpMethod.Post && path == "spot/orders" ? RequestKind.Order : RequestKind.Write;
        return _c.SendSignedAsync(() => Signed(method, path, query, body), kind, "REQUEST_EXPIRED", GetServerTimeAsync, cancellationToken);
    }

    private HttpRequestMessage Signed(HttpMethod method, string path, string query, string? body)
    {
        var request = new HttpRequestMessage(method, query.Length == 0 ? path : path + "?" + query);
        var absolute = new Uri(_c.Http.Client.BaseAddress!, request.RequestUri!).AbsolutePath;
        var ts = _c.Clock.Now.ToUnixTimeSeconds();
        request.Headers.Add("KEY", _c.Options.ApiKey);
        request.Headers.Add("Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("SIGN", GateIoSigner.Sign(_c.Options.ApiSecret!, method.Method, absolute, query, body ?? "", ts));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    private static VenueException ToError(VenueResponse response)
    {
        string? label = null;
        var message = VenueResponse.Clip(response.Body);
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            label = Str(doc.RootElement, "label");
            message = Str(doc.RootElement, "message") ?? message;
        }
        catch (JsonException)
        {
            // A proxy's page: keep the raw text.
        }

        var status = (int)response.Status;
        var retry = response.RetryAfter;
        if (retry is null && response.Headers.TryGetValues("X-Gate-RateLimit-Reset-Timestamp", out var reset)
            && long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetMs))
        {
            retry = DateTimeOffset.FromUnixTimeMilliseconds(resetMs) - DateTimeOffset.UtcNow;
            if (retry < TimeSpan.Zero) retry = TimeSpan.Zero;
        }

        var kind = label switch
        {
            "INVALID_SIGNATURE" or "INVALID_KEY" or "REQUEST_EXPIRED" or "MISSING_REQUIRED_HEADER" or "FORBIDDEN" or "IP_FORBIDDEN" or "READ_ONLY" => VenueErrorKind.Unauthorized,
            "ORDER_NOT_FOUND" => VenueErrorKind.NotFound,
            "TOO_MANY_REQUESTS" => VenueErrorKind.RateLimited,
            "TOO_BUSY" or "SERVER_ERROR" or "INTERNAL" => VenueErrorKind.Unknown,
            _ when response.Status == HttpStatusCode.TooManyRequests => VenueErrorKind.RateLimited,
            _ when status >= 500 => VenueErrorKind.Unknown,
            _ when status == 401 || status == 403 => VenueErrorKind.Unauthorized,
            _ when status == 404 && label is null => VenueErrorKind.Unknown,
            _ => VenueErrorKind.Rejected,
        };
        if (kind == VenueErrorKind.RateLimited) retry ??= TimeSpan.FromSeconds(1);
        return new VenueException(Id, kind, message, status, label, retry);
    }
}
