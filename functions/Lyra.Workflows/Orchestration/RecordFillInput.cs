using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of RecordFill.</summary>
/// <param name="DecisionId">The decision that placed the order (it opens or closes the trade).</param>
/// <param name="Order">The filled order.</param>
/// <param name="DecisionTime">Open time of the candle the decision was made on.</param>
/// <param name="Stops">The stop plan of an entry (attached at the fill price).</param>
public sealed record RecordFillInput(string DecisionId, OrderResult Order, DateTimeOffset DecisionTime, Risk.Stops.StopPlan? Stops = null);
