using Lyra.Ai.Consensus;
using Lyra.Ai.Models;
using Lyra.Core.Trading;

namespace Lyra.Api.Ai;

/// <summary>Body of <c>POST /api/ai/consensus</c>.</summary>
/// <param name="Market">Market key.</param>
/// <param name="CandleTime">Open time of the newest candle the panel saw.</param>
/// <param name="Candles">Candles shown.</param>
/// <param name="Proposed">The proposal judged.</param>
/// <param name="Consensus">Votes and the consensus math.</param>
/// <param name="CostUsd">What the votes cost.</param>
/// <param name="Prompt">The market context as the LLM voters read it (when any was asked).</param>
/// <param name="ModelSelection">How the paid models were judged.</param>
public sealed record AiConsensusResponse(string Market, DateTimeOffset CandleTime, int Candles, TradeAction Proposed, ConsensusResult Consensus, decimal CostUsd,
    string? Prompt, IReadOnlyList<ModelChoice> ModelSelection);
