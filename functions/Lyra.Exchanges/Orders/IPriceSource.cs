namespace Lyra.Exchanges.Orders;

/// <summary>The latest traded price of a market, as the paper exchange fills against it.</summary>
public interface IPriceSource
{
    /// <summary>The latest price of <paramref name="marketKey"/>, or null when none is known.</summary>
    Task<decimal?> GetLastPriceAsync(string marketKey, CancellationToken cancellationToken = default);
}
