namespace Lyra.Exchanges.Orders;

/// <summary>A venue that takes orders.</summary>
public interface IExchange
{
    /// <summary>Exchange id (<c>paper</c>, <c>gateio</c>, ...).</summary>
    string Name { get; }

    /// <summary>Places an order. Placing the same <see cref="OrderRequest.ClientOrderId"/> again returns the first result.</summary>
    Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks that the venue answers and can trade <paramref name="marketKeys"/> (for a health probe; never places anything).</summary>
    Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default);

    /// <summary>Looks an order up by client id (reconciliation after a timeout, tracking a resting order); null when unknown.</summary>
    Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the order placed under <paramref name="clientOrderId"/> and returns its state after the cancel (an order
    /// that filled meanwhile stays filled; what filled before the cancel stays filled); null when the id is unknown.
    /// </summary>
    Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default);
}
