namespace Lyra.Api.Exchanges;

/// <summary>Body of <c>POST /api/exchanges/order</c>: an order a person asks for, decided through the risk gate and the ledger.</summary>
/// <param name="Market">Market key (<c>gateio:BTC_USDT:1m</c>); its exchange is where the order goes in live mode.</param>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
/// <param name="Quantity">Base quantity (the risk gate may size it down).</param>
/// <param name="LimitPrice">Limit price; omitted for a market order.</param>
/// <param name="TtlSeconds">How long a limit order may rest before it is canceled (default: the setting).</param>
/// <param name="By">Who asks (journaled).</param>
/// <param name="Id">Idempotency key: the same id starts one decision however often it is sent.</param>
public sealed record ManualOrderRequest(string? Market, string? Side, decimal? Quantity, decimal? LimitPrice, int? TtlSeconds, string? By, string? Id);
