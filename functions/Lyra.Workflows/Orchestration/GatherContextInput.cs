using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of GatherContext.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="Signal">The signal.</param>
/// <param name="StartedAt">Orchestration start time (for the journal).</param>
public sealed record GatherContextInput(string DecisionId, TradeFlowInput Signal, DateTimeOffset StartedAt);
