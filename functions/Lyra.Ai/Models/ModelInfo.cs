namespace Lyra.Ai.Models;

/// <summary>One model as OpenRouter lists it: context window and prices in USD per token (and per request).</summary>
/// <param name="Id">Model id used in requests (<c>provider/model</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="ContextLength">Context window in tokens.</param>
/// <param name="PromptPrice">USD per prompt (input) token.</param>
/// <param name="CompletionPrice">USD per completion (output) token.</param>
/// <param name="RequestPrice">Fixed USD per request.</param>
/// <param name="Listed">False when the model is not in the provider's list and the prices are the configured fallback.</param>
public sealed record ModelInfo(string Id, string Name, int ContextLength, decimal PromptPrice, decimal CompletionPrice, decimal RequestPrice = 0, bool Listed = true)
{
    /// <summary>Cost of one call with the given usage.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) => (inputTokens * PromptPrice) + (outputTokens * CompletionPrice) + RequestPrice;

    /// <summary>True when every price is zero (free models are never stopped by a budget).</summary>
    public bool IsFree => PromptPrice == 0 && CompletionPrice == 0 && RequestPrice == 0;
}
