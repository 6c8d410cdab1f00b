using System.Globalization;
using Lyra.Ai.Costs;
using Lyra.Ai.Performance;

namespace Lyra.Ai.Models;

/// <summary>What a task needs from a model.</summary>
/// <param name="Task">Task type: <c>trade-vote</c> (a panel vote in TradeFlow) or <c>query</c> (a free question).</param>
/// <param name="LatencyBudgetMs">Urgency: a model whose measured p95 latency is above this is left out; null = no limit.</param>
/// <param name="MaxCostUsd">Budget per call: a model whose expected cost is above this is left out; null = no limit.</param>
/// <param name="PromptTokens">Expected prompt tokens (for the cost estimate and the context check).</param>
/// <param name="CompletionTokens">Expected completion tokens.</param>
public sealed record SelectionRequest(string Task, double? LatencyBudgetMs, decimal? MaxCostUsd, int PromptTokens, int CompletionTokens);

/// <summary>A model considered for a task, with what is known of it.</summary>
/// <param name="Model">Model id.</param>
/// <param name="Info">Prices and context.</param>
/// <param name="Stats">Its measured performance as a voter, when it has voted before.</param>
public sealed record ModelCandidate(string Model, ModelInfo Info, VoterStats? Stats);

/// <summary>The selector's verdict on one model.</summary>
/// <param name="Model">Model id.</param>
/// <param name="Selected">True when the model fits the task.</param>
/// <param name="Rank">1 = best among the selected; 0 when left out.</param>
/// <param name="ExpectedCostUsd">Expected cost of one call.</param>
/// <param name="LatencyP95Ms">Measured p95 latency, when measured.</param>
/// <param name="Accuracy">Smoothed accuracy on scored trades.</param>
/// <param name="ErrorRate">Measured failures per call.</param>
/// <param name="Reason">Why it was left out, or what it was ranked on.</param>
public sealed record ModelChoice(string Model, bool Selected, int Rank, decimal ExpectedCostUsd, double? LatencyP95Ms, double Accuracy, double ErrorRate, string Reason);

/// <summary>
/// Chooses models for a task from their prices, context windows and measured performance. A model is left out when its
/// context is too small, its expected cost exceeds the budget, its measured p95 latency exceeds the urgency (only once it
/// has answered <see cref="MinSamples"/> times), or it fails more than half its calls. The rest are ranked by accuracy,
/// then reliability, then cost, then speed. Pure: the same inputs give the same choice.
/// </summary>
public static class ModelSelector
{
    /// <summary>Answers needed before measured latency or error rate can exclude a model.</summary>
    public const int MinSamples = 5;

    /// <summary>Ranks <paramref name="candidates"/> for <paramref name="request"/>, selected ones first.</summary>
    public static IReadOnlyList<ModelChoice> Rank(IEnumerable<ModelCandidate> candidates, SelectionRequest request)
    {
        var choices = new List<(ModelChoice Choice, ModelCandidate C)>();
        foreach (var c in candidates)
        {
            var stats = c.Stats ?? VoterStats.Empty(c.Model);
            var cost = Math.Round(c.Info.CostOf(request.PromptTokens, request.CompletionTokens), 8);
            double? p95 = stats.Answered >= MinSamples ? stats.LatencyP95Ms : null;
            string? excluded = null;
            if (c.Info.ContextLength > 0 && c.Info.ContextLength < request.PromptTokens + request.CompletionTokens)
            {
                excluded = F($"context {c.Info.ContextLength} tokens is below the {request.PromptTokens + request.CompletionTokens} the task needs");
            }
            else if (request.MaxCostUsd is { } max && cost > max)
            {
                excluded = F($"expected cost ${Usd.Format(cost)} per call is above the ${Usd.Format(max)} budget");
            }
            else if (request.LatencyBudgetMs is { } budget && p95 is { } measured && measured > budget)
            {
                excluded = F($"measured p95 latency {measured:F0} ms is above the {budget:F0} ms the task allows");
            }
            else if (stats.Calls - stats.Skipped >= MinSamples && stats.ErrorRate > 0.5)
            {
                excluded = F($"fails {stats.ErrorRate:P0} of its calls");
            }

            choices.Add((new ModelChoice(c.Model, excluded is null, 0, cost, p95, Math.Round(stats.Accuracy, 4), Math.Round(stats.ErrorRate, 4),
                excluded ?? F($"accuracy {stats.Accuracy:P0} over {stats.ScoredTrades} trades, error rate {stats.ErrorRate:P0}, ${Usd.Format(cost)} per call")), c));
        }

        var selected = choices.Where(x => x.Choice.Selected)
            .OrderByDescending(x => x.Choice.Accuracy)
            .ThenBy(x => x.Choice.ErrorRate)
            .ThenBy(x => x.Choice.ExpectedCostUsd)
            .ThenBy(x => x.Choice.LatencyP95Ms ?? double.MaxValue)
            .ThenBy(x => x.Choice.Model, StringComparer.Ordinal)
            .Select((x, i) => x.Choice with { Rank = i + 1 });
        var rest = choices.Where(x => !x.Choice.Selected).Select(x => x.Choice).OrderBy(x => x.Model, StringComparer.Ordinal);
        return [.. selected, .. rest];
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
