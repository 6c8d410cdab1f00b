using Lyra.Ai.Models;

namespace Lyra.Api.Ai;

/// <summary>One configured model.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Name">Display name.</param>
/// <param name="ContextLength">Context window in tokens.</param>
/// <param name="PromptUsdPerMillion">USD per million prompt tokens.</param>
/// <param name="CompletionUsdPerMillion">USD per million completion tokens.</param>
/// <param name="Listed">False when the prices are the configured fallback.</param>
/// <param name="Voter">Its voter name.</param>
/// <param name="Role">Its role on the panel.</param>
/// <param name="OnPanel">Whether it votes.</param>
/// <param name="Selection">How the selection judges it for a trade vote.</param>
public sealed record ModelRow(string Id, string Name, int ContextLength, decimal PromptUsdPerMillion, decimal CompletionUsdPerMillion, bool Listed, string Voter,
    string Role, bool OnPanel, ModelChoice? Selection);
