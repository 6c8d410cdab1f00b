using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Output of TradeFlow.</summary>
/// <param name="DecisionId">Instance id.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Reasons">Reasons when not executed.</param>
/// <param name="ClientOrderId">The order's client id when one was placed.</param>
public sealed record TradeFlowResult(string DecisionId, DecisionStatus Status, IReadOnlyList<string> Reasons, string? ClientOrderId);
