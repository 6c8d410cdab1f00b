using System.Collections.Concurrent;
using Lyra.Core.Ids;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;

namespace Lyra.Exchanges.Paper;

/// <summary>
/// A simulated exchange: market orders fill completely at the next known price (the price source's latest),
/// moved against the order by the slippage, and pay the taker fee. Idempotent on client order id.
/// </summary>
public sealed class PaperExchange(IPriceSource prices, PaperExchangeOptions options, TimeProvider time) : IExchange
{
    private readonly ConcurrentDictionary<string, Lazy<Task<OrderResult>>> _orders = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "paper";

    /// <inheritdoc />
    public Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        // Lazy makes a concurrent duplicate wait for the first placement instead of filling twice.
        var lazy = _orders.GetOrAdd(request.ClientOrderId, _ => new Lazy<Task<OrderResult>>(() => FillAsync(request, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted) _orders.TryRemove(new KeyValuePair<string, Lazy<Task<OrderResult>>>(request.ClientOrderId, lazy));
        return task;
    }

    /// <inheritdoc />
    public async Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) =>
        _orders.TryGetValue(clientOrderId, out var lazy) && lazy.IsValueCreated ? await lazy.Value : null;

    private async Task<OrderResult> FillAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var exchangeId = DeterministicId.From("paper-", 16, request.ClientOrderId);
        if (request.Quantity <= 0 || request.Side == TradeAction.Hold)
        {
            return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Rejected, request.Quantity, 0, 0, 0, now,
                request.Quantity <= 0 ? "quantity must be positive" : "side must be buy or sell");
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
        var fee = Math.Round(price * request.Quantity * options.FeeRate, 8);
        return new(request.ClientOrderId, exchangeId, request.MarketKey, request.Side, OrderStatus.Filled, request.Quantity, request.Quantity, price, fee, now);
    }
}
