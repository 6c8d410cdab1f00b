using System.ComponentModel.DataAnnotations;

namespace Lyra.Workflows.Configuration;

/// <summary>The strategy that generates signals (section <c>Lyra:Strategy</c>).</summary>
public sealed class StrategyOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Strategy";

    /// <summary>Strategy name from the catalog.</summary>
    [Required]
    public string Name { get; set; } = "sma-cross";

    /// <summary>Strategy parameters (for sma-cross: fast, slow).</summary>
    public Dictionary<string, double> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Candles read per evaluation (must cover the strategy's warm-up).</summary>
    [Range(10, 5_000)]
    public int WindowBars { get; set; } = 120;

    /// <summary>Of the candles in one update, only the newest this many are evaluated, so a backfill does not replay history into orders.</summary>
    [Range(1, 1_000)]
    public int MaxBarsPerUpdate { get; set; } = 5;
}
