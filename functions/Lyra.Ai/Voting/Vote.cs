using Lyra.Core.Trading;

namespace Lyra.Ai.Voting;

/// <summary>One voter's answer. An abstention is never counted as a vote.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Action">buy, sell or hold.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Horizon">How far ahead the view holds (for example <c>30m</c>).</param>
/// <param name="Rationale">Why, in one sentence with numbers.</param>
/// <param name="Abstained">True when the voter could not answer (error, timeout, invalid reply).</param>
/// <param name="LatencyMs">How long the voter took (set by the activity that asked it).</param>
/// <param name="InputTokens">Prompt tokens billed (LLM voters).</param>
/// <param name="OutputTokens">Completion tokens billed (LLM voters).</param>
/// <param name="Cached">True when the reply came from the response cache (nothing billed).</param>
public sealed record Vote(string Voter, TradeAction Action, double Confidence, string Horizon, string Rationale, bool Abstained = false,
    double LatencyMs = 0, long InputTokens = 0, long OutputTokens = 0, bool Cached = false)
{
    /// <summary>An abstention with its reason.</summary>
    public static Vote Abstain(string voter, string reason) => new(voter, TradeAction.Hold, 0, "", reason, Abstained: true);
}
