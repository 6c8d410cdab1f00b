namespace Lyra.Api.Risk;

/// <summary>Body of <c>POST /api/risk/position_size</c>.</summary>
/// <param name="Quantity">Base quantity, rounded down to the step (0 below the minimum).</param>
/// <param name="KellyFraction">The Kelly fraction used (method <c>kelly</c> only).</param>
public sealed record PositionSizeResponse(decimal Quantity, double? KellyFraction);
