using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Live;

/// <summary>
/// Where an order goes. In paper mode every order goes to the paper exchange. In live mode an order goes to its market's
/// venue (<c>gateio:BTC_USDT:1m</c> → Gate.io), which must be enabled; markets of data-only sources (Binance, replay)
/// still trade on paper.
/// </summary>
public sealed class ExchangeRouter(PaperExchange paper, VenueRegistry venues, bool live) : IExchange
{
    /// <summary>What a market order on <paramref name="marketKey"/> would fill at now on the exchange that takes it; null without a price.</summary>
    public async Task<ExchangeQuote?> QuoteAsync(string marketKey, CancellationToken cancellationToken = default) =>
        For(marketKey) is LiveExchange l ? await l.QuoteAsync(marketKey, cancellationToken) : await paper.QuoteAsync(marketKey, cancellationToken);

    /// <inheritdoc />
    public string Name => live && venues.Enabled.Count > 0 ? "live:" + string.Join('+', venues.Enabled) : paper.Name;

    /// <summary>The exchange that takes orders of <paramref name="marketKey"/>.</summary>
    public IExchange For(string marketKey)
    {
        var venue = marketKey[..Math.Max(0, marketKey.IndexOf(':', StringComparison.Ordinal))];
        return live && venues.Exchange(venue) is { } exchange ? exchange : paper;
    }

    /// <inheritdoc />
    public Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default) =>
        For(request.MarketKey).PlaceOrderAsync(request, cancellationToken);

    /// <inheritdoc />
    public async Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default)
    {
        var tradable = new List<string>();
        var details = new List<string>();
        var reachable = true;
        foreach (var group in marketKeys.GroupBy(For))
        {
            var check = await group.Key.CheckAsync([.. group], cancellationToken);
            reachable &= check.Reachable;
            tradable.AddRange(check.Tradable);
            details.Add(check.Detail);
        }

        return new VenueCheck(reachable, tradable, string.Join("; ", details));
    }

    /// <inheritdoc />
    public async Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        if (live)
        {
            foreach (var v in venues.Enabled)
            {
                if (await venues.Exchange(v)!.GetOrderAsync(clientOrderId, cancellationToken) is { } order) return order;
            }
        }

        return await paper.GetOrderAsync(clientOrderId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        if (live)
        {
            foreach (var v in venues.Enabled)
            {
                if (await venues.Exchange(v)!.CancelOrderAsync(clientOrderId, cancellationToken) is { } order) return order;
            }
        }

        return await paper.CancelOrderAsync(clientOrderId, cancellationToken);
    }
}
