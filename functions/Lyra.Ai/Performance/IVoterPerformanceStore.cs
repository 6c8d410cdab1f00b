using Lyra.Ai.Voting;

namespace Lyra.Ai.Performance;

/// <summary>
/// The voters' track record: reliability and latency from every finished decision, accuracy from every closed trade.
/// Each decision and each trade is counted once, however often it is reported.
/// </summary>
public interface IVoterPerformanceStore
{
    /// <summary>Counts the votes of a finished decision (calls, answers, failures, timeouts, skips, latency, cost).</summary>
    Task RecordVotesAsync(string decisionId, IReadOnlyList<Vote> votes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Scores the votes of the decision that opened a trade against how it ended: a buy vote is a hit when the trade made
    /// money, a sell or hold vote when it did not. Abstentions are not scored.
    /// </summary>
    Task RecordOutcomeAsync(string entryDecisionId, IReadOnlyList<Vote> votes, bool profitable, CancellationToken cancellationToken = default);

    /// <summary>Every voter's statistics, by name.</summary>
    Task<IReadOnlyDictionary<string, VoterStats>> GetAllAsync(CancellationToken cancellationToken = default);
}
