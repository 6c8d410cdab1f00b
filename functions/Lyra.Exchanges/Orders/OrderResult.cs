using Lyra.Core.Trading;

namespace Lyra.Exchanges.Orders;

/// <summary>Order status as reported by the exchange.</summary>
public enum OrderStatus
{
    /// <summary>Accepted, not filled yet.</summary>
    New = 0,
    /// <summary>Completely filled.</summary>
    Filled = 1,
    /// <summary>Refused by the exchange (nothing filled).</summary>
    Rejected = 2,
    /// <summary>On the book with part of it filled.</summary>
    PartiallyFilled = 3,
    /// <summary>Canceled; <see cref="OrderResult.FilledQuantity"/> says what filled before.</summary>
    Canceled = 4,
    /// <summary>Its time in force ran out (an IOC market order's unfilled rest); what filled is in <see cref="OrderResult.FilledQuantity"/>.</summary>
    Expired = 5,
}

/// <summary>What the exchange did with an order.</summary>
/// <param name="ClientOrderId">The idempotency key sent.</param>
/// <param name="ExchangeOrderId">The exchange's id.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Status">Where the order is (<see cref="OrderStatus"/>).</param>
/// <param name="Quantity">Requested quantity.</param>
/// <param name="FilledQuantity">Filled quantity.</param>
/// <param name="AveragePrice">Average fill price (0 when unfilled).</param>
/// <param name="Fee">Fee paid in quote currency.</param>
/// <param name="Time">When the exchange processed it.</param>
/// <param name="RejectReason">Why it was rejected, when it was.</param>
/// <param name="LimitPrice">The limit price of a limit order.</param>
public sealed record OrderResult(
    string ClientOrderId,
    string ExchangeOrderId,
    string MarketKey,
    TradeAction Side,
    OrderStatus Status,
    decimal Quantity,
    decimal FilledQuantity,
    decimal AveragePrice,
    decimal Fee,
    DateTimeOffset Time,
    string? RejectReason = null,
    decimal? LimitPrice = null)
{
    /// <summary>
    /// True when the order is final and something filled: filled, or canceled / expired after a partial fill (what filled
    /// is booked, the rest is gone).
    /// </summary>
    public bool HasFinalFill => FilledQuantity > 0 && IsFinal;

    /// <summary>True when nothing more can happen to the order (filled, rejected, canceled or expired).</summary>
    public bool IsFinal => Status is OrderStatus.Filled or OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired;
}
