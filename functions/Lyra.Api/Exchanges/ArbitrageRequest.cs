namespace Lyra.Api.Exchanges;

/// <summary>Body of <c>POST /api/exchanges/arbitrage</c>: buy a pair on one market and sell it on another at once.</summary>
/// <param name="BuyMarket">Where to buy (market key).</param>
/// <param name="SellMarket">Where to sell what is held there (the same pair on another exchange).</param>
/// <param name="Quantity">Base quantity per leg (the risk gate may size it down).</param>
/// <param name="MinSpreadPercent">Least spread after both taker fees, in % (default 0.1).</param>
/// <param name="Unwind">Trade a leg's excess back when the legs fill unequally (default true).</param>
/// <param name="By">Who asks (journaled).</param>
/// <param name="Id">Idempotency key: the same id decides once.</param>
public sealed record ArbitrageRequest(string? BuyMarket, string? SellMarket, decimal? Quantity, decimal? MinSpreadPercent, bool? Unwind, string? By, string? Id);
