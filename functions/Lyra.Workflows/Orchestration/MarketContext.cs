using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>What the flow decides on, captured once so replays see the same values.</summary>
/// <param name="Vote">What the voters see.</param>
/// <param name="Voters">Panel members to ask.</param>
/// <param name="Consensus">Consensus settings at decision time.</param>
/// <param name="ActivityMaxAttempts">Attempts per activity.</param>
/// <param name="Candles">Number of candles in the context.</param>
/// <param name="VoterTimeoutSeconds">Per-voter deadline.</param>
/// <param name="ApprovalNotional">Notional from which a person must approve (null = never).</param>
/// <param name="ApprovalTimeoutSeconds">How long to wait for that approval, in seconds.</param>
/// <param name="Skipped">Panel members not asked (budget used up, left out by model selection), as abstentions with the reason.</param>
/// <param name="Prompt">The market context as the LLM voters read it (empty when none is on the panel).</param>
/// <param name="Selection">How the paid models on the panel were judged for this vote.</param>
/// <param name="Tracking">How a resting limit order is watched and when it is canceled.</param>
public sealed record MarketContext(VoteContext Vote, IReadOnlyList<string> Voters, ConsensusOptions Consensus, int ActivityMaxAttempts, int Candles,
    int VoterTimeoutSeconds = 30, decimal? ApprovalNotional = null, int ApprovalTimeoutSeconds = 900,
    IReadOnlyList<Vote>? Skipped = null, string? Prompt = null, IReadOnlyList<ModelChoice>? Selection = null, OrderTracking? Tracking = null);
