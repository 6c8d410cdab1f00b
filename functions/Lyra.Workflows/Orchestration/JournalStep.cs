using System.Text.Json;
using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;

namespace Lyra.Workflows.Orchestration;

/// <summary>One step of the flow as recorded.</summary>
/// <param name="Step">Step name.</param>
/// <param name="At">Orchestration time of the step.</param>
/// <param name="Detail">What happened.</param>
public sealed record JournalStep(string Step, DateTimeOffset At, string Detail);
