namespace Lyra.Workflows.Orchestration;

/// <summary>Input of TrackOrder and CancelOrder: the order of a decision, by client id.</summary>
/// <param name="DecisionId">The decision that placed it.</param>
/// <param name="DecisionTime">Candle time of the decision (orders sort by it).</param>
/// <param name="ClientOrderId">The order's client id.</param>
public sealed record OrderRef(string DecisionId, DateTimeOffset DecisionTime, string ClientOrderId);
