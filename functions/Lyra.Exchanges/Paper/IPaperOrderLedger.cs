using Lyra.Exchanges.Orders;

namespace Lyra.Exchanges.Paper;

/// <summary>
/// The paper exchange's memory of the orders it filled, by client order id. Kept in storage so that a restart, or a
/// second host instance, answers a retried client id with the first fill instead of filling again.
/// </summary>
public interface IPaperOrderLedger
{
    /// <summary>The order filled under <paramref name="clientOrderId"/>, or null.</summary>
    Task<OrderResult?> GetAsync(string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="order"/> unless its client id is known; returns the order recorded under that id (the first one wins).</summary>
    Task<OrderResult> AddAsync(OrderResult order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the record of a resting order (it filled or was canceled). A final record is never replaced: when another
    /// writer finished the order first, its record is returned.
    /// </summary>
    Task<OrderResult> UpdateAsync(OrderResult order, CancellationToken cancellationToken = default);
}
