namespace Lyra.Api.Trading;

/// <summary>The kill switch after a change.</summary>
/// <param name="TradingEnabled">True when orders may be placed.</param>
/// <param name="ChangedAt">When it was switched.</param>
/// <param name="Reason">Why.</param>
public sealed record TradingStateResponse(bool TradingEnabled, DateTimeOffset? ChangedAt, string? Reason);
