using Lyra.Ai.Models;

namespace Lyra.Api.Ai;

/// <summary>Body of <c>POST /api/ai/query</c>.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Text">Its answer.</param>
/// <param name="InputTokens">Prompt tokens billed.</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
/// <param name="CostUsd">What the call cost.</param>
/// <param name="LatencyMs">How long it took.</param>
/// <param name="Selection">How each configured model was judged for the question.</param>
public sealed record AiQueryResponse(string Model, string? Text, long InputTokens, long OutputTokens, decimal CostUsd, double LatencyMs, IReadOnlyList<ModelChoice> Selection);
