using Lyra.Core.Trading;

namespace Lyra.Exchanges.Venues;

/// <summary>An order as a connector sends it.</summary>
/// <param name="ClientId">The client order id already in the venue's format (<see cref="IVenueClient.FormatClientId"/>).</param>
/// <param name="Symbol">Normalized symbol (<c>BTC/USDT</c>).</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="Price">Limit price (null for a market order).</param>
/// <param name="TimeInForce">Time in force of a limit order.</param>
public sealed record VenueOrderRequest(string ClientId, string Symbol, TradeAction Side, OrderType Type, decimal Quantity, decimal? Price = null,
    TimeInForce TimeInForce = TimeInForce.Gtc);
