using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>A person's answer to an approval request (the <c>approval</c> external event).</summary>
/// <param name="Approved">Approve or reject.</param>
/// <param name="By">Who answered.</param>
/// <param name="Reason">Why.</param>
public sealed record ApprovalDecision(bool Approved, string? By, string? Reason);
