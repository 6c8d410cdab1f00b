namespace Lyra.Risk.Stops;

/// <summary>The stop the gate attaches to an approved entry, as distances from the entry price (the fill price is not known yet).</summary>
/// <param name="Method"><c>atr</c> or <c>fixed</c>.</param>
/// <param name="Distance">Stop distance below the entry, in price units.</param>
/// <param name="TakeProfitDistance">Take-profit distance above the entry (0 = none).</param>
/// <param name="Trailing">Whether the stop trails the highest price.</param>
/// <param name="Detail">How the distance was found, in words.</param>
public sealed record StopPlan(string Method, decimal Distance, decimal TakeProfitDistance, bool Trailing, string Detail);

/// <summary>The stop levels of an open long position.</summary>
/// <param name="Stop">Current stop price.</param>
/// <param name="InitialStop">The stop set at entry (a higher current stop has trailed).</param>
/// <param name="TakeProfit">Take-profit price, if any.</param>
/// <param name="TrailingDistance">Trailing distance (0 = the stop does not trail).</param>
/// <param name="Highest">Highest price since entry.</param>
/// <param name="Method">How the stop was set.</param>
public sealed record StopLevels(decimal Stop, decimal InitialStop, decimal? TakeProfit, decimal TrailingDistance, decimal Highest, string Method);

/// <summary>What one candle did to a position's stops.</summary>
/// <param name="Exit">True when the stop or the take profit was hit: close the position.</param>
/// <param name="Rule"><c>stop_loss</c>, <c>trailing_stop</c> or <c>take_profit</c> when exiting.</param>
/// <param name="Levels">The levels after the candle (the trailing stop may have moved up).</param>
/// <param name="Detail">What happened, with prices.</param>
public sealed record StopCheck(bool Exit, string? Rule, StopLevels Levels, string Detail);
