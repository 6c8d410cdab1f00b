using System.Globalization;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Venues;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Exchanges;

/// <summary>
/// The enabled venues over HTTP: balances, open orders (or the intent ledger's history), a pair's price and book top,
/// cancelling a live order by Lyra's client order id, and a person's order (a decision flow without a vote: the risk
/// gate sizes it, the ledger places it once, a limit order is tracked until it fills or its time runs out). A venue's
/// failure is a 503 naming it; a key never appears.
/// </summary>
public sealed class ExchangesApi(VenueRegistry venues, IOrderIntentStore intents, ICandleStore candles, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.ExchangeBalances, ApiRoutes.ExchangeOrders, ApiRoutes.ExchangeCancel, ApiRoutes.ExchangeOrder, ApiRoutes.ExchangeArbitrage, ApiRoutes.ExchangeGrid,
        ApiRoutes.ExchangeGridStop, ApiRoutes.ExchangeMarket];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ExchangeBalances" => BalancesAsync(request, cancellationToken),
        "ExchangeOrders" => OrdersAsync(request, cancellationToken),
        "ExchangeCancel" => CancelAsync(request, cancellationToken),
        "ExchangeOrder" => OrderAsync(request, cancellationToken),
        "ExchangeGrid" => GridAsync(request, cancellationToken),
        "ExchangeArbitrage" => ArbitrageAsync(request, cancellationToken),
        "ExchangeGridStop" => StopGridAsync(request, cancellationToken),
        _ => MarketAsync(request, cancellationToken),
    };

    private async Task<ApiResult> BalancesAsync(ApiRequest request, CancellationToken ct)
    {
        var rows = new List<BalanceRow>();
        foreach (var v in Venues(request.Query("venue").Text("venue")))
        {
            foreach (var b in await venues.Client(v)!.GetBalancesAsync(ct)) rows.Add(new BalanceRow(v, b.Asset, b.Available, b.Locked, b.Total));
        }

        return ApiResult.Ok(rows, ApiRoutes.ExchangeBalances.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> OrdersAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("venue", "open", "limit");
        var venue = q.Text("venue");
        var limit = q.Limit();
        if (q.Bool("open"))
        {
            var open = new List<VenueOrder>();
            foreach (var v in Venues(venue)) open.AddRange(await venues.Client(v)!.GetOpenOrdersAsync(null, ct));
            return ApiResult.Ok(open.Take(limit).ToList(), ApiRoutes.ExchangeOrders.Module, time.GetUtcNow());
        }

        if (venue is not null) Venues(venue);
        var list = (await intents.ListAsync(limit, ct)).Where(i => venue is null || i.Venue == venue).ToList();
        return ApiResult.Ok(list, ApiRoutes.ExchangeOrders.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> CancelAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var id = request.Id is { Length: > 0 and <= 64 } i ? i : throw new ValidationException("id", "the client order id must be 1-64 characters");
        var intent = await intents.GetAsync(id, ct) ?? throw new NotFoundException($"no live order with client order id '{id}'");
        var exchange = venues.Exchange(intent.Venue) ?? throw new ConflictException($"the order is on {intent.Venue}, which is not enabled");
        var result = await exchange.CancelOrderAsync(id, ct) ?? throw new NotFoundException($"no live order on {intent.Venue} with client order id '{id}'");
        return ApiResult.Ok(result, ApiRoutes.ExchangeCancel.Module, time.GetUtcNow(), $"{result.Status}".ToLowerInvariant());
    }

    private async Task<ApiResult> OrderAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<ManualOrderRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var market = Market.Parse(b.Market ?? throw new ValidationException("market", "market is required"), "market");
        var side = b.Side switch
        {
            "buy" => TradeAction.Buy,
            "sell" => TradeAction.Sell,
            _ => throw new ValidationException("side", $"side '{b.Side}' must be buy or sell"),
        };
        var quantity = b.Quantity ?? throw new ValidationException("quantity", "quantity is required");
        if (quantity <= 0) throw new ValidationException("quantity", "quantity must be positive");
        if (b.LimitPrice is <= 0) throw new ValidationException("limit_price", "limit_price must be positive");
        if (b.TtlSeconds is not null && b.LimitPrice is null) throw new ValidationException("ttl_seconds", "ttl_seconds applies to a limit order only (give limit_price)");
        if (b.TtlSeconds is < 1 or > 86_400) throw new ValidationException("ttl_seconds", "ttl_seconds must be 1-86400");
        if (b.By is { Length: > 100 }) throw new ValidationException("by", "by must be at most 100 characters");
        ValidKey(b.Id);

        // The decision is made on the newest stored candle (the risk gate and the journal need a price and its time).
        var latest = await candles.GetLatestTimeAsync(market, ct)
            ?? throw new ConflictException($"no candles stored for {market.Key}: collect the market first (Lyra:Collect:Markets)");
        var price = await candles.GetLastCloseAsync(market, ct) ?? 0m;
        var id = "manual-" + (b.Id ?? Guid.NewGuid().ToString("N"));
        var by = string.IsNullOrWhiteSpace(b.By) ? "api" : b.By;
        var input = new TradeFlowInput(id, "manual", market.Key, latest, side, b.LimitPrice ?? price,
            FlowJournalText(side, quantity, b.LimitPrice, by), new ManualOrder(quantity, b.LimitPrice, b.TtlSeconds, by));
        var started = await request.Flows.StartTradeFlowAsync(input, ct);
        return ApiResult.Ok(new ManualOrderAccepted(id, OrderIds.ClientOrderId(id), started), ApiRoutes.ExchangeOrder.Module, time.GetUtcNow(),
            started ? "the decision flow runs the risk gate and places the order" : "a decision with this id exists already; nothing new was started",
            StatusCodes.Status202Accepted);
    }

    private async Task<ApiResult> GridAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<GridRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var market = Market.Parse(b.Market ?? throw new ValidationException("market", "market is required"), "market");
        var levels = b.Levels ?? throw new ValidationException("levels", "levels is required");
        if (levels is < 1 or > 20) throw new ValidationException("levels", "levels must be 1-20");
        var spacing = b.SpacingPercent ?? throw new ValidationException("spacing_percent", "spacing_percent is required");
        if (spacing is < 0.05m or > 20m) throw new ValidationException("spacing_percent", "spacing_percent must be 0.05-20");
        if (spacing * levels >= 100m) throw new ValidationException("spacing_percent", "the lowest level would be at or below zero (levels × spacing_percent must stay under 100)");
        var quantity = b.Quantity ?? throw new ValidationException("quantity", "quantity is required");
        if (quantity <= 0) throw new ValidationException("quantity", "quantity must be positive");
        if (b.Center is <= 0) throw new ValidationException("center", "center must be positive");
        if (b.PollSeconds is < 1 or > 3_600) throw new ValidationException("poll_seconds", "poll_seconds must be 1-3600");
        if (b.By is { Length: > 100 }) throw new ValidationException("by", "by must be at most 100 characters");
        ValidKey(b.Id);
        var center = b.Center ?? await candles.GetLastCloseAsync(market, ct)
            ?? throw new ConflictException($"no candles stored for {market.Key}: give center, or collect the market first (Lyra:Collect:Markets)");
        var id = "grid-" + (b.Id ?? Guid.NewGuid().ToString("N"));
        var input = new GridInput(id, market.Key, levels, spacing, quantity, center, string.IsNullOrWhiteSpace(b.By) ? "api" : b.By, b.PollSeconds ?? 10, time.GetUtcNow());
        var started = await request.Flows.StartGridAsync(input, ct);
        return ApiResult.Ok(new GridAccepted(id, center, started), ApiRoutes.ExchangeGrid.Module, time.GetUtcNow(),
            started ? "the grid places its buys (each through the risk gate)" : "a grid with this id exists already; nothing new was started", StatusCodes.Status202Accepted);
    }

    private async Task<ApiResult> ArbitrageAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<ArbitrageRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var buy = Market.Parse(b.BuyMarket ?? throw new ValidationException("buy_market", "buy_market is required"), "buy_market");
        var sell = Market.Parse(b.SellMarket ?? throw new ValidationException("sell_market", "sell_market is required"), "sell_market");
        if (buy.Exchange == sell.Exchange) throw new ValidationException("sell_market", $"both legs are on {buy.Exchange}; arbitrage needs two exchanges");
        static string Pair(string symbol) => new([.. symbol.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        if (Pair(buy.Symbol) != Pair(sell.Symbol)) throw new ValidationException("sell_market", $"{sell.Symbol} is not the pair {buy.Symbol}");
        var quantity = b.Quantity ?? throw new ValidationException("quantity", "quantity is required");
        if (quantity <= 0) throw new ValidationException("quantity", "quantity must be positive");
        if (b.MinSpreadPercent is < 0 or > 50) throw new ValidationException("min_spread_percent", "min_spread_percent must be 0-50");
        if (b.By is { Length: > 100 }) throw new ValidationException("by", "by must be at most 100 characters");
        ValidKey(b.Id);
        var id = "arb-" + (b.Id ?? Guid.NewGuid().ToString("N"));
        var input = new ArbitrageInput(id, buy.Key, sell.Key, quantity, b.MinSpreadPercent ?? 0.1m, b.Unwind ?? true, string.IsNullOrWhiteSpace(b.By) ? "api" : b.By, time.GetUtcNow());
        var started = await request.Flows.StartArbitrageAsync(input, ct);
        return ApiResult.Ok(new ManualOrderAccepted(id, OrderIds.ClientOrderId(id + "-buy"), started), ApiRoutes.ExchangeArbitrage.Module, time.GetUtcNow(),
            started ? "the decision quotes both legs, runs the risk gate on both and places them at once" : "a decision with this id exists already; nothing new was started",
            StatusCodes.Status202Accepted);
    }

    private async Task<ApiResult> StopGridAsync(ApiRequest request, CancellationToken ct)
    {
        var by = request.Query("by").Text("by") ?? "api";
        if (by.Length > 100) throw new ValidationException("by", "by must be at most 100 characters");
        var id = request.Id is { Length: > 5 and <= 80 } i && i.StartsWith("grid-", StringComparison.Ordinal) ? i : throw new ValidationException("id", "a grid id starts with 'grid-'");
        var state = await request.Flows.GetStateAsync(id, ct) ?? throw new NotFoundException($"grid '{id}' does not exist");
        if (!state.IsLive)
        {
            throw new ConflictException($"grid '{id}' is not running ({state.Status})");
        }

        await request.Flows.StopGridAsync(id, by, ct);
        return ApiResult.Ok(new GridStopping(id, by), ApiRoutes.ExchangeGridStop.Module, time.GetUtcNow(),
            "the grid cancels its resting orders and ends; what it holds stays held", StatusCodes.Status202Accepted);
    }

    private static void ValidKey(string? key)
    {
        if (key is not null && (key.Length is 0 or > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ValidationException("id", "id must be 1-64 letters, digits, '-' or '_'");
        }
    }

    private static string FlowJournalText(TradeAction side, decimal quantity, decimal? limit, string by) =>
        string.Create(CultureInfo.InvariantCulture, $"manual {side.ToString().ToLowerInvariant()} {quantity}") + (limit is { } l ? string.Create(CultureInfo.InvariantCulture, $" limit {l}") : " at market") + " by " + by;

    private async Task<ApiResult> MarketAsync(ApiRequest request, CancellationToken ct)
    {
        var venue = Venues(request.Query("venue").Text("venue")).First();
        var symbol = request.Id ?? "";
        if (symbol.Length is 0 or > 32 || symbol.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '/')))
        {
            throw new ValidationException("symbol", $"'{symbol}' is not a symbol (BTC_USDT, BTC-USDT or BTCUSDT)");
        }

        var client = venues.Client(venue)!;
        Instrument instrument;
        try
        {
            instrument = await client.GetInstrumentAsync(symbol, ct);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.Rejected)
        {
            throw new NotFoundException($"{venue} has no pair '{symbol}'");
        }

        var ticker = await client.GetTickerAsync(instrument.VenueSymbol, ct);
        var book = await client.GetOrderBookAsync(instrument.VenueSymbol, 5, ct);
        return ApiResult.Ok(new MarketResponse(venue, instrument.Symbol, ticker.Last, ticker.Bid, ticker.Ask, ticker.BaseVolume24h, ticker.Time, book.Bids, book.Asks),
            ApiRoutes.ExchangeMarket.Module, time.GetUtcNow());
    }

    // The venue asked for (which must be enabled), else every enabled venue.
    private IReadOnlyCollection<string> Venues(string? venue)
    {
        if (venues.Enabled.Count == 0) throw new ValidationException("venue", $"no venue is enabled; set {VenueNames.Section}:<venue>:Enabled=true ({string.Join(", ", VenueNames.Trading)})");
        if (venue is null) return venues.Enabled;
        return venues.Enabled.Contains(venue) ? [venue] : throw new ValidationException("venue", $"venue '{venue}' is not enabled; enabled: {string.Join(", ", venues.Enabled)}");
    }
}
