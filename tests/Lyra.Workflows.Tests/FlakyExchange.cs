using Lyra.Exchanges.Orders;

namespace Lyra.Workflows.Tests;

/// <summary>Wraps an exchange and fails its first N placements with a transport error, as a flaky network would.</summary>
internal sealed class FlakyExchange(IExchange inner, int failFirst) : IExchange
{
    private int _placements;

    public string Name => inner.Name;

    public int Placements => _placements;

    public Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _placements) <= failFirst) throw new HttpRequestException("connection reset by exchange");
        return inner.PlaceOrderAsync(request, cancellationToken);
    }

    public Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default) => inner.CheckAsync(marketKeys, cancellationToken);

    public Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => inner.GetOrderAsync(clientOrderId, cancellationToken);

    public Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => inner.CancelOrderAsync(clientOrderId, cancellationToken);
}
