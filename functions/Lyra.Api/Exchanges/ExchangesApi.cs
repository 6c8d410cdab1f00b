using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Venues;

namespace Lyra.Api.Exchanges;

/// <summary>
/// The enabled venues over HTTP: balances, open orders (or the intent ledger's history), a pair's price and book top,
/// and cancelling a live order by Lyra's client order id. A venue's failure is a 503 naming it; a key never appears.
/// </summary>
public sealed class ExchangesApi(VenueRegistry venues, IOrderIntentStore intents, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.ExchangeBalances, ApiRoutes.ExchangeOrders, ApiRoutes.ExchangeCancel, ApiRoutes.ExchangeMarket];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ExchangeBalances" => BalancesAsync(request, cancellationToken),
        "ExchangeOrders" => OrdersAsync(request, cancellationToken),
        "ExchangeCancel" => CancelAsync(request, cancellationToken),
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
