using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>How a position monitor ended.</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="EntryDecisionId">The position's entry decision.</param>
/// <param name="Outcome"><c>exit</c> (it closed the position) or <c>closed</c> (the position was closed otherwise).</param>
/// <param name="Detail">What happened.</param>
/// <param name="ExitDecisionId">The exit's decision id, when it closed the position.</param>
public sealed record MonitorResult(string MarketKey, string EntryDecisionId, string Outcome, string Detail, string? ExitDecisionId);
