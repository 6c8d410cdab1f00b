using Lyra.Core.Trading;

namespace Lyra.Exchanges.Venues;

/// <summary>An order as the venue reports it, normalized.</summary>
/// <param name="VenueOrderId">The venue's id.</param>
/// <param name="ClientId">The client order id it carries (venue format), when it has one.</param>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Quantity">Ordered base quantity (for a venue that sizes market buys in quote, the filled quantity once known).</param>
/// <param name="FilledQuantity">Filled base quantity.</param>
/// <param name="AveragePrice">Average fill price (0 when nothing filled).</param>
/// <param name="Fee">Fee paid, in <paramref name="FeeAsset"/>.</param>
/// <param name="FeeAsset">Asset of the fee (normalized), when known.</param>
/// <param name="Price">Limit price, when it has one.</param>
/// <param name="UpdatedAt">The venue's time of its last change.</param>
/// <param name="Reason">Why it was rejected, canceled or expired, when the venue says.</param>
public sealed record VenueOrder(string VenueOrderId, string? ClientId, string Symbol, TradeAction Side, OrderType Type, VenueOrderState State,
    decimal Quantity, decimal FilledQuantity, decimal AveragePrice, decimal Fee, string? FeeAsset, decimal? Price, DateTimeOffset UpdatedAt,
    string? Reason = null);
