using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of PlaceOrder.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="DecisionTime">Candle time of the decision (orders sort by it).</param>
/// <param name="Order">The order.</param>
public sealed record PlaceOrderInput(string DecisionId, DateTimeOffset DecisionTime, OrderRequest Order);
