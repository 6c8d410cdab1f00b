using System.ComponentModel.DataAnnotations;

namespace Lyra.Risk.Stops;

/// <summary>The stop-loss attached to every approved entry (section <c>Lyra:Risk:Stops</c>).</summary>
public sealed class StopOptions
{
    /// <summary><c>atr</c> (a multiple of the average true range below the entry), <c>fixed</c> (a percentage) or <c>none</c>.</summary>
    [Required, RegularExpression("^(atr|fixed|none)$", ErrorMessage = "must be atr, fixed or none")]
    public string Method { get; set; } = "atr";

    /// <summary>Stop distance in % of the entry for <c>fixed</c>, and for <c>atr</c> while the ATR is still warming up.</summary>
    [Range(typeof(decimal), "0.01", "50")]
    public decimal StopPercent { get; set; } = 3m;

    /// <summary>Stop distance in ATRs for <c>atr</c>.</summary>
    [Range(typeof(decimal), "0.1", "20")]
    public decimal AtrMultiplier { get; set; } = 3m;

    /// <summary>ATR period (Wilder).</summary>
    [Range(2, 200)]
    public int AtrPeriod { get; set; } = 14;

    /// <summary>Take profit at this many stop distances above the entry (2 = 2R); 0 = no take profit.</summary>
    [Range(typeof(decimal), "0", "20")]
    public decimal TakeProfitR { get; set; } = 2m;

    /// <summary>Whether the stop trails the highest price since entry at the same distance.</summary>
    public bool Trailing { get; set; } = true;

    /// <summary>The position monitor checks at least this often, even when no market update arrives.</summary>
    [Range(5, 86_400)]
    public int MonitorHeartbeatSeconds { get; set; } = 300;
}
