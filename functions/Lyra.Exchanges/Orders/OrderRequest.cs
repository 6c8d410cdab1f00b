using Lyra.Core.Trading;

namespace Lyra.Exchanges.Orders;

/// <summary>A market order to send.</summary>
/// <param name="ClientOrderId">Idempotency key: the exchange must not fill the same id twice.</param>
/// <param name="MarketKey">Market key (<c>exchange:SYMBOL:tf</c>); the symbol is its middle part.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base quantity.</param>
public sealed record OrderRequest(string ClientOrderId, string MarketKey, TradeAction Side, decimal Quantity);
