using Lyra.Core.Trading;

namespace Lyra.Exchanges.Venues;

/// <summary>One execution of an order.</summary>
/// <param name="TradeId">The venue's trade id.</param>
/// <param name="VenueOrderId">The order it belongs to.</param>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="Fee">Fee, in <paramref name="FeeAsset"/>.</param>
/// <param name="FeeAsset">Asset of the fee (normalized).</param>
/// <param name="Time">Execution time.</param>
public sealed record VenueFill(string TradeId, string VenueOrderId, string Symbol, TradeAction Side, decimal Price, decimal Quantity, decimal Fee, string FeeAsset,
    DateTimeOffset Time);
