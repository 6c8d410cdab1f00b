using Lyra.Ai.Consensus;

namespace Lyra.Ai.Performance;

/// <summary>
/// Turns a voter's scored trades into its consensus weight and confidence calibration.
/// Accuracy is Laplace-smoothed, (hits + 1) / (trades + 2), so a new voter starts at ½ and one lucky trade moves it
/// little. Weight = 2 × accuracy (1 for an unknown voter, towards 2 for one that is always right, towards 0 for one that
/// is always wrong), bounded to the engine's weight limits. Calibration = accuracy / mean stated confidence on the
/// scored votes, bounded to [0.5, 1.5] and only once enough trades are scored, so an overconfident voter's
/// confidence is scaled down and an underconfident one's up.
/// </summary>
public static class TrackRecord
{
    /// <summary>Bounds of the calibration factor.</summary>
    public const double MinCalibration = 0.5, MaxCalibration = 1.5;

    /// <summary>Laplace-smoothed hit rate.</summary>
    public static double Accuracy(long hits, long trades) => (hits + 1.0) / (trades + 2.0);

    /// <summary>The learned weight factor, within the consensus weight bounds.</summary>
    public static double Weight(long hits, long trades) => Math.Clamp(2 * Accuracy(hits, trades), ConsensusEngine.MinWeight, ConsensusEngine.MaxWeight);

    /// <summary>The calibration factor; 1 below <paramref name="minTrades"/> scored trades.</summary>
    public static double Calibration(long hits, long trades, double confidenceSum, int minTrades)
    {
        if (trades < minTrades || confidenceSum <= 0) return 1;
        var meanConfidence = confidenceSum / trades;
        return Math.Clamp(Accuracy(hits, trades) / meanConfidence, MinCalibration, MaxCalibration);
    }
}
