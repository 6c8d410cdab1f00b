namespace Lyra.Api.Ai;

/// <summary>Body of <c>POST /api/ai/query</c>.</summary>
/// <param name="Prompt">The question (at most 20,000 characters).</param>
/// <param name="System">Optional system message.</param>
/// <param name="Model">A configured model; empty = the model selection chooses one.</param>
/// <param name="Task">Task type for the selection: <c>query</c> (default) or <c>trade-vote</c>.</param>
/// <param name="MaxLatencyMs">Urgency: leave out models measured slower than this (p95).</param>
/// <param name="MaxCostUsd">Budget of this call: leave out models expected to cost more.</param>
/// <param name="Json">Ask for a JSON object.</param>
public sealed record AiQueryRequest(string? Prompt, string? System, string? Model, string? Task, double? MaxLatencyMs, decimal? MaxCostUsd, bool? Json);
