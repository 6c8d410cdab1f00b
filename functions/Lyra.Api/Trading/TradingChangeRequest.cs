namespace Lyra.Api.Trading;

/// <summary>Optional body of <c>POST /api/trading/start|stop</c>.</summary>
/// <param name="Reason">Why trading is switched (kept with the setting, at most 500 characters).</param>
public sealed record TradingChangeRequest(string? Reason);
