using System.ComponentModel.DataAnnotations;

namespace Lyra.Workflows.Configuration;

/// <summary>How trade decisions are made and executed (section <c>Lyra:Trading</c>).</summary>
public sealed class TradingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Trading";

    /// <summary>Exchange that receives orders. Only <c>paper</c> for now.</summary>
    [Required, RegularExpression("^paper$", ErrorMessage = "must be 'paper' (live exchanges are not connected yet)")]
    public string Exchange { get; set; } = "paper";

    /// <summary>Panel used when none is configured: the three offline analysts.</summary>
    public static IReadOnlyList<string> DefaultVoters { get; } = ["trend", "mean-reversion", "volatility-regime"];

    /// <summary>Voters on the panel, by name; <see cref="DefaultVoters"/> when none is configured (binding appends, so it starts empty).</summary>
    public List<string> Voters { get; set; } = [];

    /// <summary>Whether trading is on when nothing has been stored yet (the kill switch state lives in the settings table).</summary>
    public bool EnabledByDefault { get; set; } = true;

    /// <summary>Attempts per activity before the step counts as failed.</summary>
    [Range(1, 10)]
    public int ActivityMaxAttempts { get; set; } = 3;

    /// <summary>Candles given to the voters.</summary>
    [Range(20, 1_000)]
    public int VoterWindowBars { get; set; } = 100;
}
