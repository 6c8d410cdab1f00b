namespace Lyra.Workflows.Orchestration;

/// <summary>An order a person asked for (<c>POST /api/exchanges/order</c>): the risk gate sizes it down, never up.</summary>
/// <param name="Quantity">Base quantity asked for (the gate's size wins when it is smaller).</param>
/// <param name="LimitPrice">Limit price; null for a market order.</param>
/// <param name="TimeToLiveSeconds">How long a limit order may rest before it is canceled; null for the setting.</param>
/// <param name="By">Who asked (for the journal).</param>
public sealed record ManualOrder(decimal Quantity, decimal? LimitPrice, int? TimeToLiveSeconds, string By);
