namespace Lyra.Ai.OpenRouter;

/// <summary>The result of one model call: the text, or why there is none, with its usage, cost and latency.</summary>
/// <param name="Model">Model id.</param>
/// <param name="Text">Reply text when the call succeeded.</param>
/// <param name="Failure">Why there is no reply (timeout, HTTP status, budget, no key); null on success.</param>
/// <param name="InputTokens">Prompt tokens billed.</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
/// <param name="CostUsd">What the call cost, from its usage and the model's prices.</param>
/// <param name="LatencyMs">Wall-clock time of the call.</param>
/// <param name="BudgetExhausted">True when no call was made because a budget is used up.</param>
public sealed record ChatOutcome(string Model, string? Text, string? Failure, long InputTokens, long OutputTokens, decimal CostUsd, double LatencyMs, bool BudgetExhausted = false)
{
    /// <summary>True when there is a reply.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A call that did not happen or failed.</summary>
    public static ChatOutcome Failed(string model, string failure, double latencyMs = 0, bool budget = false) => new(model, null, failure, 0, 0, 0, latencyMs, budget);
}
