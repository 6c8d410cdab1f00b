namespace Lyra.Risk.KillSwitch;

/// <summary>The kill-switch state: whether trading is on, when it was switched last and why.</summary>
/// <param name="Enabled">True when orders may be placed.</param>
/// <param name="ChangedAt">When it was last switched (null: never).</param>
/// <param name="Reason">Why.</param>
public sealed record TradingState(bool Enabled, DateTimeOffset? ChangedAt, string? Reason);
