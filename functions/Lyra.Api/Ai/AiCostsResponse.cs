using Lyra.Ai.Costs;

namespace Lyra.Api.Ai;

/// <summary>Body of <c>GET /api/ai/costs</c>.</summary>
/// <param name="Today">Today's spend per model and in total, against the budget.</param>
/// <param name="Month">This month's.</param>
/// <param name="MaxCostPerVoteUsd">The per-vote cost cap of the model selection.</param>
public sealed record AiCostsResponse(PeriodCosts Today, PeriodCosts Month, decimal? MaxCostPerVoteUsd);
