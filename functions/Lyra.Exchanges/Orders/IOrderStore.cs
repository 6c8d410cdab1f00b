namespace Lyra.Exchanges.Orders;

/// <summary>The orders Lyra placed, per market newest first, each with the decision that placed it.</summary>
public interface IOrderStore
{
    /// <summary>Records an order result; recording the same client order id again overwrites it.</summary>
    Task SaveAsync(OrderResult order, DateTimeOffset decisionTime, string decisionId, CancellationToken cancellationToken = default);

    /// <summary>The newest orders (of one market when given), newest first.</summary>
    Task<IReadOnlyList<OrderResult>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>Orders recorded in the given markets (from counters: the cost does not grow with the history).</summary>
    Task<long> CountAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default);
}
