using System.ComponentModel.DataAnnotations;

using Lyra.Strategies.Management;

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

    /// <summary>
    /// Several strategies by id, each with its markets (none: all) — when set, these run instead of <see cref="Name"/>.
    /// The API can activate, deactivate and add to them at run time (kept in storage).
    /// </summary>
    public Dictionary<string, ConfiguredStrategy> Assignments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Of the candles in one update, only the newest this many are evaluated, so a backfill does not replay history into orders.</summary>
    [Range(1, 1_000)]
    public int MaxBarsPerUpdate { get; set; } = 5;

    /// <summary>The configured assignments: <see cref="Assignments"/>, or the single <see cref="Name"/> on every market (its id is its name).</summary>
    public IReadOnlyList<StrategyAssignment> Configured() => Assignments.Count == 0
        ? [new StrategyAssignment(Name, Name, [], Parameters, true)]
        : [.. Assignments.Select(a => new StrategyAssignment(a.Key, a.Value.Name, a.Value.Markets, a.Value.Parameters, a.Value.Active))];
}

/// <summary>One strategy of <c>Lyra:Strategy:Assignments:{id}</c>.</summary>
public sealed class ConfiguredStrategy
{
    /// <summary>Catalog name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Market keys (none: every market).</summary>
    public List<string> Markets { get; set; } = [];

    /// <summary>Parameters.</summary>
    public Dictionary<string, double> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether it runs from the start.</summary>
    public bool Active { get; set; } = true;
}
