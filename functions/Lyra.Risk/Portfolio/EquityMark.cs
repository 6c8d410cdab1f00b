namespace Lyra.Risk.Portfolio;

/// <summary>The equity at the start of a UTC day (for the daily loss limit).</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Equity">Equity when the day was first seen.</param>
public sealed record EquityMark(DateOnly Day, decimal Equity);
