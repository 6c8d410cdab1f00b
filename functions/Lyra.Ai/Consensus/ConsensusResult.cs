using Lyra.Ai.Voting;
using Lyra.Core.Trading;

namespace Lyra.Ai.Consensus;

/// <summary>The panel's decision with every input and the arithmetic that produced it.</summary>
/// <param name="Action">Decided action (hold when no quorum, a tie or low agreement).</param>
/// <param name="Agreement">Winning score / total score, 0..1.</param>
/// <param name="BuyScore">Σ weight × confidence of buy votes.</param>
/// <param name="SellScore">Σ weight × confidence of sell votes.</param>
/// <param name="HoldScore">Σ weight × confidence of hold votes.</param>
/// <param name="Counted">Number of non-abstaining votes.</param>
/// <param name="QuorumMet">Whether <see cref="Counted"/> reached the quorum.</param>
/// <param name="Reason">Why this action, in words.</param>
/// <param name="Votes">All votes, abstentions included.</param>
public sealed record ConsensusResult(
    TradeAction Action,
    double Agreement,
    double BuyScore,
    double SellScore,
    double HoldScore,
    int Counted,
    bool QuorumMet,
    string Reason,
    IReadOnlyList<Vote> Votes);
