using System.Globalization;
using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>Who is asked, who is left out and why, and the consensus settings with learned weights.</summary>
/// <param name="Ask">Voters to ask, in panel order.</param>
/// <param name="Skipped">Abstentions of the voters left out (budget exhausted, model selection), with the reason.</param>
/// <param name="Consensus">Consensus settings: configured weights × track record, and confidence calibration.</param>
/// <param name="Selection">How the paid models on the panel were judged.</param>
public sealed record PanelPlan(IReadOnlyList<string> Ask, IReadOnlyList<Vote> Skipped, ConsensusOptions Consensus, IReadOnlyList<ModelChoice> Selection);

/// <summary>
/// Plans one panel: paid models whose budget is used up are skipped; the model selector leaves out models that are too
/// slow for the voter deadline, too expensive per vote or failing; everyone's weight and calibration follow their
/// measured track record (when <see cref="AiOptions.LearnWeights"/>). The orchestrator receives the plan, so replays see it unchanged.
/// </summary>
public sealed class PanelPlanner(VoterPanel panel, IVoterPerformanceStore performance, CostManager costs, ModelCatalog catalog,
    IOptions<AiOptions> ai, IOptionsMonitor<ConsensusOptions> consensus)
{
    /// <summary>Plans the panel of <paramref name="voters"/> for a vote due within <paramref name="deadline"/>.</summary>
    public async Task<PanelPlan> PlanAsync(IReadOnlyList<string> voters, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var o = ai.Value;
        var stats = await performance.GetAllAsync(cancellationToken);
        var paid = voters.Select(panel.Get).OfType<IModelVoter>().ToList();
        var selection = new List<ModelChoice>();
        var skipped = new Dictionary<string, Vote>(StringComparer.Ordinal);
        if (paid.Count > 0)
        {
            var candidates = new List<ModelCandidate>();
            foreach (var v in paid) candidates.Add(new ModelCandidate(v.Model, await catalog.GetAsync(v.Model, cancellationToken), stats.GetValueOrDefault(v.Name)));
            selection.AddRange(ModelSelector.Rank(candidates, new SelectionRequest("trade-vote", deadline.TotalMilliseconds, o.MaxCostPerVoteUsd, o.ExpectedPromptTokens, o.ExpectedCompletionTokens)));
            foreach (var v in paid)
            {
                var choice = selection.First(c => c.Model == v.Model);
                if (!choice.Selected)
                {
                    skipped[v.Name] = Vote.Abstain(v.Name, Vote.SkippedPrefix + choice.Reason) with { Model = v.Model };
                    continue;
                }

                var budget = await costs.CheckAsync(candidates.First(c => c.Model == v.Model).Info, cancellationToken);
                if (!budget.Allowed) skipped[v.Name] = Vote.Abstain(v.Name, Vote.BudgetPrefix + budget.Reason) with { Model = v.Model };
            }
        }

        var c = consensus.CurrentValue;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var calibration = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in voters)
        {
            var (weight, k) = Learned(name, stats.GetValueOrDefault(name));
            if (weight != 1 || c.Weights.ContainsKey(name)) weights[name] = weight;
            if (k != 1) calibration[name] = k;
        }

        var snapshot = new ConsensusOptions { Quorum = c.Quorum, MinAgreement = c.MinAgreement, Weights = weights, Calibration = calibration };
        return new PanelPlan([.. voters.Where(v => !skipped.ContainsKey(v))], [.. voters.Where(skipped.ContainsKey).Select(v => skipped[v])], snapshot, selection);
    }

    /// <summary>
    /// The weight (configured × track record, bounded) and confidence calibration of <paramref name="voter"/>; the configured
    /// weight and 1 when learning is off or nothing is scored yet.
    /// </summary>
    public (double Weight, double Calibration) Learned(string voter, VoterStats? stats)
    {
        var o = ai.Value;
        var configured = consensus.CurrentValue.Weights.TryGetValue(voter, out var w) ? w : 1.0;
        if (!o.LearnWeights || stats is not { ScoredTrades: > 0 } s) return (configured, 1);
        var weight = Math.Clamp(configured * TrackRecord.Weight(s.Hits, s.ScoredTrades), ConsensusEngine.MinWeight, ConsensusEngine.MaxWeight);
        return (Math.Round(weight, 4), Math.Round(TrackRecord.Calibration(s.Hits, s.ScoredTrades, s.ConfidenceSum, o.MinScoredTrades), 4));
    }

    /// <summary>One line naming the skipped voters and why.</summary>
    public static string Describe(IReadOnlyList<Vote> skipped) =>
        string.Join("; ", skipped.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Voter} not asked ({v.Rationale})")));
}
