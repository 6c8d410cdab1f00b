using Lyra.Core.Trading;

namespace Lyra.Exchanges.Orders;

/// <summary>An order to send: a market order, or a limit order that may rest on the book.</summary>
/// <param name="ClientOrderId">Idempotency key: the exchange must not fill the same id twice.</param>
/// <param name="MarketKey">Market key (<c>exchange:SYMBOL:tf</c>); the symbol is its middle part.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="LimitPrice">The limit price of a limit order (good till canceled); null for a market order.</param>
public sealed record OrderRequest(string ClientOrderId, string MarketKey, TradeAction Side, decimal Quantity, decimal? LimitPrice = null);
