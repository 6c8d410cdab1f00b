namespace Lyra.Exchanges.Orders;

/// <summary>What a market order on an exchange would pay or get now, and its fee rate.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="Bid">What a market sell gets.</param>
/// <param name="Ask">What a market buy pays.</param>
/// <param name="FeeRate">Taker fee rate of that exchange.</param>
/// <param name="Source">Where the prices come from (<c>gateio ticker</c>, <c>paper: last close ± slippage</c>).</param>
public sealed record ExchangeQuote(string MarketKey, decimal Bid, decimal Ask, decimal FeeRate, string Source);
