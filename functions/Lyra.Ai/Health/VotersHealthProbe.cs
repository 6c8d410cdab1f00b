using System.Diagnostics;
using System.Globalization;
using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Core.Health;
using Microsoft.Extensions.Options;

namespace Lyra.Ai.Health;

/// <summary>
/// The AI voters: each panel member's recent error rate and latency from the track record, and for the LLM voters
/// whether the model list of OpenRouter could be read. Unhealthy when fewer voters than the quorum are registered and
/// working (recent error rate under one half); degraded when a voter fails that often or the model list is unreachable.
/// </summary>
/// <param name="panel">The registered voters.</param>
/// <param name="performance">The track record.</param>
/// <param name="catalog">OpenRouter's model list.</param>
/// <param name="voters">The voters on the trading panel (read when the probe runs).</param>
/// <param name="consensus">The quorum.</param>
public sealed class VotersHealthProbe(VoterPanel panel, IVoterPerformanceStore performance, ModelCatalog catalog,
    Func<IReadOnlyList<string>> voters, IOptionsMonitor<ConsensusOptions> consensus) : IHealthProbe
{
    /// <inheritdoc />
    public string Module => "ai_voters";

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        var names = voters();
        var quorum = consensus.CurrentValue.Quorum;
        IReadOnlyDictionary<string, VoterStats> stats;
        try
        {
            stats = await performance.GetAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(Module, ModuleHealth.Degraded, "track record unreadable: " + e.GetType().Name, sw.Elapsed.TotalMilliseconds);
        }

        var parts = new List<string>();
        var working = 0;
        var failing = 0;
        foreach (var name in names)
        {
            if (!panel.Names.Contains(name))
            {
                parts.Add($"{name} not registered");
                continue;
            }

            var s = stats.GetValueOrDefault(name) ?? VoterStats.Empty(name);
            var bad = s.RecentCalls >= 4 && s.RecentErrorRate >= 0.5;
            if (bad) failing++;
            else working++;
            parts.Add(s.RecentCalls == 0
                ? $"{name}: not asked yet"
                : string.Create(CultureInfo.InvariantCulture, $"{name}: {s.RecentErrorRate * 100:0}% errors over the last {s.RecentCalls} calls, p95 {s.LatencyP95Ms:0.#} ms"));
        }

        string? catalogProblem = null;
        if (names.Any(v => panel.Names.Contains(v) && panel.Get(v) is IModelVoter))
        {
            var model = names.Select(v => panel.Names.Contains(v) ? panel.Get(v) : null).OfType<IModelVoter>().First().Model;
            try
            {
                await catalog.GetAsync(model, cancellationToken);
                catalogProblem = catalog.LastError;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                catalogProblem = e.GetType().Name;
            }

            parts.Add(catalogProblem is null ? "model list reachable" : "model list unreachable: " + catalogProblem);
        }

        var status = working < quorum ? ModuleHealth.Unhealthy : failing > 0 || catalogProblem is not null ? ModuleHealth.Degraded : ModuleHealth.Healthy;
        return new(Module, status, $"{working} of {names.Count} voter(s) working, quorum {quorum}; " + string.Join("; ", parts), sw.Elapsed.TotalMilliseconds);
    }
}
