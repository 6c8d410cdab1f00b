namespace Lyra.Strategies.Management;

/// <summary>
/// One strategy running on markets: an id (what signals and decisions name as their strategy), the catalog strategy and
/// its parameters, the markets it watches (none: every collected market) and whether it is active.
/// </summary>
/// <param name="Id">Unique id (<c>a-z 0-9 -</c>); the configured single strategy's id is its name.</param>
/// <param name="Strategy">Catalog name (<c>sma-cross</c>).</param>
/// <param name="Markets">Market keys it runs on; empty: all.</param>
/// <param name="Parameters">Its parameters (defaults fill the rest).</param>
/// <param name="Active">Whether it produces signals.</param>
/// <param name="Source"><c>config</c> (settings only) or <c>runtime</c> (changed through the API; kept in storage).</param>
/// <param name="UpdatedAt">When it was last changed at run time.</param>
/// <param name="UpdatedBy">Who changed it.</param>
public sealed record StrategyAssignment(string Id, string Strategy, IReadOnlyList<string> Markets, IReadOnlyDictionary<string, double> Parameters, bool Active,
    string Source = StrategyAssignment.FromConfig, DateTimeOffset? UpdatedAt = null, string? UpdatedBy = null)
{
    /// <summary>Configured in settings.</summary>
    public const string FromConfig = "config";

    /// <summary>Changed at run time.</summary>
    public const string FromRuntime = "runtime";

    /// <summary>True when it runs on <paramref name="marketKey"/>.</summary>
    public bool Covers(string marketKey) => Markets.Count == 0 || Markets.Contains(marketKey, StringComparer.Ordinal);
}
