using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of the PositionMonitor orchestration (one instance per open position).</summary>
/// <param name="MarketKey">Market key.</param>
/// <param name="EntryDecisionId">The decision that opened the position.</param>
/// <param name="HeartbeatSeconds">Longest wait between checks without a price tick.</param>
public sealed record MonitorInput(string MarketKey, string EntryDecisionId, int HeartbeatSeconds);
