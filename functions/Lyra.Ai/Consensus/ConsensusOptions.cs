using System.ComponentModel.DataAnnotations;

namespace Lyra.Ai.Consensus;

/// <summary>Settings of the consensus vote (section <c>Lyra:Consensus</c>).</summary>
public sealed class ConsensusOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Consensus";

    /// <summary>Minimum number of non-abstaining votes for a decision; fewer → hold.</summary>
    [Range(1, 50)]
    public int Quorum { get; set; } = 2;

    /// <summary>Winning share of the weighted score needed to act (0.5..1); below → hold.</summary>
    [Range(0.5, 1.0)]
    public double MinAgreement { get; set; } = 0.5;

    /// <summary>Voter weights by name; voters not listed weigh 1. Bounded to [0.1, 3].</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Confidence calibration by voter name (stated confidence × factor, clamped to 0..1); voters not listed are taken at
    /// their word. Learned from the track record, not configured.
    /// </summary>
    public Dictionary<string, double> Calibration { get; set; } = new(StringComparer.Ordinal);
}
