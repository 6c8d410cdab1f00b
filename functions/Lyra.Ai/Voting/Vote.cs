using Lyra.Core.Trading;

namespace Lyra.Ai.Voting;

/// <summary>One voter's answer. An abstention is never counted as a vote.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Action">buy, sell or hold.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Horizon">How far ahead the view holds (for example <c>30m</c>).</param>
/// <param name="Rationale">Why, in one sentence with numbers.</param>
/// <param name="Abstained">True when the voter could not answer (error, timeout, invalid reply, budget).</param>
/// <param name="LatencyMs">How long the voter took (set by the activity that asked it).</param>
/// <param name="InputTokens">Prompt tokens billed (LLM voters).</param>
/// <param name="OutputTokens">Completion tokens billed (LLM voters).</param>
/// <param name="Cached">True when the reply came from the response cache (nothing billed).</param>
/// <param name="Model">The model behind an LLM voter; null for the offline analysts.</param>
/// <param name="CostUsd">What the vote cost (all calls it took, the repair prompt included).</param>
/// <param name="PromptHash">SHA-256 of the prompt the model was given (the prompt itself is in the decision journal).</param>
public sealed record Vote(string Voter, TradeAction Action, double Confidence, string Horizon, string Rationale, bool Abstained = false,
    double LatencyMs = 0, long InputTokens = 0, long OutputTokens = 0, bool Cached = false, string? Model = null, decimal CostUsd = 0, string? PromptHash = null)
{
    /// <summary>Prefix of the rationale of a voter that was not asked because a budget is used up.</summary>
    public const string BudgetPrefix = "budget: ";

    /// <summary>Prefix of the rationale of a voter the model selection left out.</summary>
    public const string SkippedPrefix = "skipped: ";

    /// <summary>An abstention with its reason.</summary>
    public static Vote Abstain(string voter, string reason) => new(voter, TradeAction.Hold, 0, "", reason, Abstained: true);

    /// <summary>True when the voter missed its deadline (the durable timer won, or the model call timed out).</summary>
    public bool IsTimeout => Abstained && Rationale.Contains("answer within", StringComparison.Ordinal);

    /// <summary>True when this abstention is a failure of the voter (error, timeout, invalid reply), not a deliberate skip.</summary>
    public bool IsFailure => Abstained && !Rationale.StartsWith(BudgetPrefix, StringComparison.Ordinal) && !Rationale.StartsWith(SkippedPrefix, StringComparison.Ordinal);
}
