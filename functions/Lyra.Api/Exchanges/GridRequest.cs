namespace Lyra.Api.Exchanges;

/// <summary>Body of <c>POST /api/exchanges/grid</c>: a grid of limit orders on one market.</summary>
/// <param name="Market">Market key.</param>
/// <param name="Levels">Buy levels below the center (1-20).</param>
/// <param name="SpacingPercent">Distance between levels, % of the center (0.05-20).</param>
/// <param name="Quantity">Base quantity per level (the risk gate may size each buy down).</param>
/// <param name="Center">Price the levels hang from (default: the last stored close).</param>
/// <param name="PollSeconds">How often resting orders are looked at (1-3600, default 10).</param>
/// <param name="By">Who starts it (journaled).</param>
/// <param name="Id">Idempotency key: the same id starts one grid.</param>
public sealed record GridRequest(string? Market, int? Levels, decimal? SpacingPercent, decimal? Quantity, decimal? Center, int? PollSeconds, string? By, string? Id);
