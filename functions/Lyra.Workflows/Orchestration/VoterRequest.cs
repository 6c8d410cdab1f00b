using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;

namespace Lyra.Workflows.Orchestration;

/// <summary>Input of AskVoter.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Context">What it sees.</param>
public sealed record VoterRequest(string Voter, VoteContext Context);
