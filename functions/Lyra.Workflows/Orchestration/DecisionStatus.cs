using System.Text.Json;
using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;

namespace Lyra.Workflows.Orchestration;

/// <summary>Status of a decision.</summary>
public enum DecisionStatus
{
    /// <summary>The flow is still running.</summary>
    Running = 0,
    /// <summary>An order was placed and filled.</summary>
    Executed = 1,
    /// <summary>The flow ended without an order (consensus, risk or kill switch), with reasons.</summary>
    Rejected = 2,
    /// <summary>A step failed after its retries.</summary>
    Failed = 3,
    /// <summary>Waiting for a person to approve or reject the order.</summary>
    AwaitingApproval = 4,
}
