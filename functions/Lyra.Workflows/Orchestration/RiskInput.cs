using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of EvaluateRisk.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Action">The consensus action.</param>
/// <param name="SignalPrice">Price of the signal candle (used when no newer price is known).</param>
public sealed record RiskInput(string DecisionId, string MarketKey, TradeAction Action, decimal SignalPrice);
