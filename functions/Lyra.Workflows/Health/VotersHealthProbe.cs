using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Health;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Health;

/// <summary>AI voters: healthy when the configured panel can reach the quorum.</summary>
public sealed class VotersHealthProbe(VoterPanel panel, IOptions<TradingOptions> trading, IOptions<ConsensusOptions> consensus) : IHealthProbe
{
    /// <inheritdoc />
    public string Module => "ai_voters";

    /// <inheritdoc />
    public Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var available = trading.Value.Voters.Count(v => panel.Names.Contains(v));
        var quorum = consensus.Value.Quorum;
        var status = available >= quorum ? ModuleHealth.Healthy : ModuleHealth.Unhealthy;
        var models = trading.Value.Voters.Count(v => panel.Names.Contains(v) && panel.Get(v) is IModelVoter);
        return Task.FromResult(new ModuleHealth(Module, status,
            $"{available} voter(s) available ({string.Join(", ", trading.Value.Voters)}), quorum {quorum}; " +
            (models == 0 ? "offline analysts only" : $"{models} LLM voter(s) via OpenRouter"), 0));
    }
}
