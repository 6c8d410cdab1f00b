namespace Lyra.Api.Ai;

/// <summary>Body of <c>POST /api/ai/consensus</c>.</summary>
/// <param name="Market">Market key with stored candles.</param>
/// <param name="Action">The proposal the panel judges: <c>buy</c>, <c>sell</c> or <c>hold</c>.</param>
/// <param name="Voters">Panel members to ask (default: the trading panel).</param>
public sealed record AiConsensusRequest(string? Market, string? Action, string[]? Voters);
