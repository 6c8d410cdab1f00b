namespace Lyra.Api.Exchanges;

/// <summary>What <c>POST /api/exchanges/order</c> started.</summary>
/// <param name="DecisionId">The decision (GET <c>/api/decisions/{id}</c> shows its journal).</param>
/// <param name="ClientOrderId">The order's client id (cancel with DELETE <c>/api/exchanges/orders/{id}</c> in live mode).</param>
/// <param name="Started">False when a decision with this id already existed (nothing new was started).</param>
public sealed record ManualOrderAccepted(string DecisionId, string ClientOrderId, bool Started);
