namespace Lyra.Api.Risk;

/// <summary>Body of <c>POST /api/risk/position_size</c>.</summary>
/// <param name="Method"><c>fixed_fractional</c>, <c>kelly</c> or <c>volatility</c>.</param>
/// <param name="Equity">Equity to size from (default: the portfolio's).</param>
/// <param name="Price">Entry price.</param>
/// <param name="Stop">Stop price (fixed_fractional).</param>
/// <param name="RiskFraction">Equity fraction risked to the stop (fixed_fractional, default 0.01).</param>
/// <param name="WinRate">Measured win rate (kelly).</param>
/// <param name="Payoff">Mean win / mean loss (kelly).</param>
/// <param name="KellyFraction">Share of full Kelly (default 0.5).</param>
/// <param name="Cap">Largest equity fraction (kelly, default 0.25).</param>
/// <param name="Atr">Average true range (volatility).</param>
/// <param name="TargetRisk">Equity fraction per ATR move (volatility, default 0.01).</param>
/// <param name="MaxFraction">Largest equity fraction (volatility, default 1).</param>
/// <param name="Step">Quantity step (default: Lyra:Risk:QuantityStep).</param>
/// <param name="MinQuantity">Exchange minimum size (default: one step).</param>
public sealed record PositionSizeRequest(
    string? Method, decimal? Equity, decimal? Price, decimal? Stop, decimal? RiskFraction, double? WinRate, double? Payoff, double? KellyFraction,
    double? Cap, decimal? Atr, decimal? TargetRisk, decimal? MaxFraction, decimal? Step, decimal? MinQuantity);
