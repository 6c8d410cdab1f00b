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
/// <param name="Tally">Each vote's part of the arithmetic: weight, calibration and score.</param>
public sealed record ConsensusResult(
    TradeAction Action,
    double Agreement,
    double BuyScore,
    double SellScore,
    double HoldScore,
    int Counted,
    bool QuorumMet,
    string Reason,
    IReadOnlyList<Vote> Votes,
    IReadOnlyList<VoteTally>? Tally = null);

/// <summary>One vote in the consensus arithmetic.</summary>
/// <param name="Voter">Voter name.</param>
/// <param name="Action">Its action.</param>
/// <param name="Confidence">Stated confidence.</param>
/// <param name="Calibration">Calibration factor applied.</param>
/// <param name="Weight">Weight used (bounded).</param>
/// <param name="Score">weight × calibrated confidence added to its action (0 when abstaining).</param>
/// <param name="Counted">False for an abstention.</param>
public sealed record VoteTally(string Voter, TradeAction Action, double Confidence, double Calibration, double Weight, double Score, bool Counted);
