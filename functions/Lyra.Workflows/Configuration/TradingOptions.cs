using System.ComponentModel.DataAnnotations;

namespace Lyra.Workflows.Configuration;

/// <summary>How trade decisions are made and executed (section <c>Lyra:Trading</c>).</summary>
public sealed class TradingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Trading";

    /// <summary>
    /// Where orders go: <c>paper</c> (the simulated venue, the default) or <c>live</c> (each market's own venue, which
    /// must be enabled under <c>Lyra:Exchanges:&lt;venue&gt;</c> with its keys).
    /// </summary>
    [Required, RegularExpression("^(paper|live)$", ErrorMessage = "must be 'paper' or 'live'")]
    public string Exchange { get; set; } = "paper";

    /// <summary>True when orders go to the markets' real venues.</summary>
    public bool IsLive => Exchange == "live";

    /// <summary>Panel used when none is configured: the three offline analysts.</summary>
    public static IReadOnlyList<string> DefaultVoters { get; } = ["trend", "mean-reversion", "volatility-regime"];

    /// <summary>Voters on the panel, by name; <see cref="DefaultVoters"/> when none is configured (binding appends, so it starts empty).</summary>
    public List<string> Voters { get; set; } = [];

    /// <summary>Whether trading is on when nothing has been stored yet (the kill switch state lives in the settings table).</summary>
    public bool EnabledByDefault { get; set; } = true;

    /// <summary>Attempts per activity before the step counts as failed.</summary>
    [Range(1, 10)]
    public int ActivityMaxAttempts { get; set; } = 3;

    /// <summary>A voter that has not answered after this many seconds abstains (durable timer race).</summary>
    [Range(1, 600)]
    public int VoterTimeoutSeconds { get; set; } = 30;

    /// <summary>Orders at or above this notional wait for a person's approval; empty = never.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? ApprovalNotional { get; set; }

    /// <summary>How long a decision waits for approval before it is rejected.</summary>
    [Range(1, 604_800)]
    public int ApprovalTimeoutSeconds { get; set; } = 900;

    /// <summary>Candles given to the voters.</summary>
    [Range(20, 1_000)]
    public int VoterWindowBars { get; set; } = 100;

    /// <summary>A resting limit order is first looked at after this many seconds; the wait doubles after each look.</summary>
    [Range(1, 3_600)]
    public int OrderPollSeconds { get; set; } = 2;

    /// <summary>The longest wait between two looks at a resting order.</summary>
    [Range(1, 3_600)]
    public int OrderPollMaxSeconds { get; set; } = 60;

    /// <summary>A limit order not filled this long after it was placed is canceled (what filled stays booked); at most a day.</summary>
    [Range(1, 86_400)]
    public int OrderTimeToLiveSeconds { get; set; } = 3_600;
}
