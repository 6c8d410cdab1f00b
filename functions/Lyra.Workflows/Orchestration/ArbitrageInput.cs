using Lyra.Exchanges.Orders;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of the Arbitrage orchestration: buy on one market, sell the same asset on another, at once.</summary>
/// <param name="Id">Instance id (<c>arb-…</c>); also the journal's id.</param>
/// <param name="BuyMarket">Where it buys (the cheaper venue).</param>
/// <param name="SellMarket">Where it sells what it holds there (the dearer venue).</param>
/// <param name="Quantity">Base quantity per leg (the risk gate may size it down; the sell leg never exceeds what is held).</param>
/// <param name="MinSpreadPercent">Least spread after both legs' taker fees, in %, to trade.</param>
/// <param name="Unwind">When the legs fill unequally: true trades the difference back on the leg that filled more; false keeps it (journaled).</param>
/// <param name="By">Who asked.</param>
/// <param name="StartedAt">When it was asked (orders sort by it).</param>
public sealed record ArbitrageInput(string Id, string BuyMarket, string SellMarket, decimal Quantity, decimal MinSpreadPercent, bool Unwind, string By, DateTimeOffset StartedAt);

/// <summary>Both legs' prices as the exchanges that would fill them quote them now.</summary>
/// <param name="Buy">The buy leg's quote (its ask is paid).</param>
/// <param name="Sell">The sell leg's quote (its bid is received).</param>
public sealed record ArbitrageQuotes(ExchangeQuote Buy, ExchangeQuote Sell);
