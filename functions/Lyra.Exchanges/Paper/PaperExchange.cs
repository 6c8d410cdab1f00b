using System.Collections.Concurrent;
using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;

namespace Lyra.Exchanges.Paper;

/// <summary>
/// A simulated exchange: market orders fill completely at the next known price (the price source's latest), moved
/// against the order by the slippage, and pay the taker fee; or, imitating a venue (<see cref="VenueImitation"/>), at
/// that venue's book top now, with its step, minimums and fee. A limit order that the price does not reach rests: it
/// fills whole at its limit once a later look finds the latest price at or through it, or is canceled. Idempotent on
/// client order id across restarts and hosts: its orders are kept in an <see cref="IPaperOrderLedger"/>, and the first
/// record under an id is the answer.
/// </summary>
public sealed class PaperExchange(IPriceSource prices, PaperExchangeOptions options, TimeProvider time, IPaperOrderLedger ledger, VenueImitation? imitation = null)
    : IExchange
{
    // Concurrent placements of one id in this process wait for the first instead of pricing twice.
    private readonly ConcurrentDictionary<string, Lazy<Task<OrderResult>>> _inFlight = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "paper";

    /// <inheritdoc />
    public async Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        var lazy = _inFlight.GetOrAdd(request.ClientOrderId, _ => new Lazy<Task<OrderResult>>(() => PlaceOnceAsync(request, cancellationToken)));
        try
        {
            return await lazy.Value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<OrderResult>>>(request.ClientOrderId, lazy));
        }
    }

    /// <inheritdoc />
    public async Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default)
    {
        // The paper venue's far side is its price source: it fills nothing without a price.
        var tradable = new List<string>();
        try
        {
            foreach (var m in marketKeys)
            {
                if (await prices.GetLastPriceAsync(m, cancellationToken) is > 0) tradable.Add(m);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new VenueCheck(false, [], "prices unreachable: " + e.GetType().Name);
        }

        return new VenueCheck(true, tradable, $"a price for {tradable.Count} of {marketKeys.Count} market(s)");
    }

    /// <inheritdoc />
    public async Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var order = await ledger.GetAsync(clientOrderId, cancellationToken);
        if (order is not { Status: OrderStatus.New, LimitPrice: { } limit }) return order;
        var last = await prices.GetLastPriceAsync(order.MarketKey, cancellationToken);
        var reached = last is > 0 && (order.Side == TradeAction.Buy ? last <= limit : last >= limit);
        if (!reached) return order;
        // A resting order fills at its limit (the price came to it).
        var fee = Math.Round(limit * order.Quantity * options.FeeRate, 8);
        return await ledger.UpdateAsync(order with { Status = OrderStatus.Filled, FilledQuantity = order.Quantity, AveragePrice = limit, Fee = fee, Time = time.GetUtcNow() },
            cancellationToken);
    }

    /// <summary>What a market order would fill at now (the imitated venue's book top, else the last price ± slippage); null without a price.</summary>
    public async Task<ExchangeQuote?> QuoteAsync(string marketKey, CancellationToken cancellationToken = default)
    {
        if (imitation is not null && await imitation.TickerAsync(marketKey, cancellationToken) is { } top)
        {
            return new ExchangeQuote(marketKey, top.Bid, top.Ask, VenueImitation.TakerFee(imitation.Venue), $"paper imitating {imitation.Venue}: book top");
        }

        if (await prices.GetLastPriceAsync(marketKey, cancellationToken) is not { } last || last <= 0) return null;
        var slip = options.SlippageBps / 10_000m;
        return new ExchangeQuote(marketKey, Math.Round(last * (1 - slip), 8), Math.Round(last * (1 + slip), 8), options.FeeRate, "paper: last close ± slippage");
    }

    /// <inheritdoc />
    public async Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var order = await GetOrderAsync(clientOrderId, cancellationToken);
        if (order is null || order.IsFinal) return order;
        return await ledger.UpdateAsync(order with { Status = OrderStatus.Canceled, Time = time.GetUtcNow(), RejectReason = "canceled" }, cancellationToken);
    }

    private async Task<OrderResult> PlaceOnceAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        if (await ledger.GetAsync(request.ClientOrderId, cancellationToken) is { } known) return known;
        return await ledger.AddAsync(await FillAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<OrderResult> FillAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var exchangeId = DeterministicId.From("paper-", 16, request.ClientOrderId);
        if (request.Quantity <= 0 || request.Side == TradeAction.Hold || request.LimitPrice <= 0)
        {
            return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Rejected, request.Quantity, 0, 0, 0, now,
                request.Quantity <= 0 ? "quantity must be positive" : request.LimitPrice <= 0 ? "limit price must be positive" : "side must be buy or sell");
        }

        if (imitation is not null && await imitation.QuoteAsync(request, cancellationToken) is { } quote)
        {
            if (quote.RejectReason is { } why)
            {
                return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Rejected, request.Quantity, 0, 0, 0, now, why);
            }

            if (Rests(request, quote.Price)) return Resting(request, exchangeId, now) with { Quantity = quote.Quantity };
            var quoteFee = Math.Round(quote.Price * quote.Quantity * quote.FeeRate, 8);
            return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Filled, request.Quantity, quote.Quantity, quote.Price, quoteFee, now);
        }

        var last = await prices.GetLastPriceAsync(request.MarketKey, cancellationToken);
        if (last is not > 0)
        {
            return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Rejected, request.Quantity, 0, 0, 0, now,
                $"no price for {request.MarketKey}");
        }

        var slip = options.SlippageBps / 10_000m;
        var price = request.Side == TradeAction.Buy ? last.Value * (1 + slip) : last.Value * (1 - slip);
        price = Math.Round(price, 8);
        if (Rests(request, price)) return Resting(request, exchangeId, now);
        var fee = Math.Round(price * request.Quantity * options.FeeRate, 8);
        return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Filled, request.Quantity, request.Quantity, price, fee, now,
            LimitPrice: request.LimitPrice);
    }

    // A limit order the price it would fill at does not satisfy waits on the book.
    private static bool Rests(OrderRequest request, decimal price) =>
        request.LimitPrice is { } limit && (request.Side == TradeAction.Buy ? price > limit : price < limit);

    private static OrderResult Resting(OrderRequest request, string exchangeId, DateTimeOffset now) =>
        new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.New, request.Quantity, 0, 0, 0, now, LimitPrice: request.LimitPrice);
}
