namespace Lyra.Api.Risk;

/// <summary>Body of <c>POST /api/risk/assess</c>: what the gate would say about an order now (nothing is placed).</summary>
/// <param name="Market">Market key.</param>
/// <param name="Action"><c>buy</c> or <c>sell</c>.</param>
/// <param name="Price">Reference price (default: the last stored close).</param>
public sealed record RiskAssessRequest(string? Market, string? Action, decimal? Price);
