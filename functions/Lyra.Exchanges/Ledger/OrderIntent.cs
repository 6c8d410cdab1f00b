using Lyra.Core.Trading;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Ledger;

/// <summary>
/// One order Lyra means to place, written before the request leaves and updated with every answer, so a crash, a
/// timeout or a restart can always tell whether the order exists on the venue (by <see cref="VenueClientId"/>).
/// </summary>
/// <param name="ClientOrderId">Lyra's client order id (derived from the decision).</param>
/// <param name="Venue">Venue id.</param>
/// <param name="VenueClientId">The client id in the venue's format (what the venue is asked about).</param>
/// <param name="MarketKey">Market key.</param>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="Price">Limit price.</param>
/// <param name="CreatedAt">When the intent was written.</param>
/// <param name="State">Where it is.</param>
/// <param name="Sends">How many times the request was sent (each after a lookup that found nothing).</param>
/// <param name="VenueOrderId">The venue's order id, once known.</param>
/// <param name="VenueState">The venue's last reported state.</param>
/// <param name="FilledQuantity">Filled base quantity (gross, before a fee taken in base).</param>
/// <param name="AveragePrice">Average fill price.</param>
/// <param name="Fee">Fee in <paramref name="FeeAsset"/>.</param>
/// <param name="FeeAsset">Asset of the fee.</param>
/// <param name="LastError">The last failure, in words (never a key).</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="History">What happened, one line per step (sent, timed out, looked up, found...).</param>
/// <param name="LastSendAt">When the last send was counted (a send younger than the in-flight window may still arrive).</param>
/// <param name="QuantityStep">The venue's quantity step when the intent was written (what can be sold later).</param>
/// <param name="Revision">Stored revision: a save must name the revision it read (two writers cannot both send).</param>
public sealed record OrderIntent(
    string ClientOrderId,
    string Venue,
    string VenueClientId,
    string MarketKey,
    string Symbol,
    TradeAction Side,
    OrderType Type,
    decimal Quantity,
    decimal? Price,
    DateTimeOffset CreatedAt,
    OrderIntentState State,
    int Sends = 0,
    string? VenueOrderId = null,
    VenueOrderState? VenueState = null,
    decimal FilledQuantity = 0,
    decimal AveragePrice = 0,
    decimal Fee = 0,
    string? FeeAsset = null,
    string? LastError = null,
    DateTimeOffset? UpdatedAt = null,
    IReadOnlyList<string>? History = null,
    decimal QuantityStep = 0,
    int Revision = 0,
    DateTimeOffset? LastSendAt = null)
{
    /// <summary>True when nothing about it can change any more.</summary>
    public bool IsResolved => State is OrderIntentState.Final or OrderIntentState.NotPlaced;

    /// <summary>This intent with <paramref name="line"/> added to its history (at most the last 50 lines kept).</summary>
    public OrderIntent Note(DateTimeOffset at, string line)
    {
        var h = new List<string>(History ?? []) { $"{at:HH:mm:ss.fff} {line}" };
        if (h.Count > 50) h.RemoveRange(0, h.Count - 50);
        return this with { History = h, UpdatedAt = at };
    }

    /// <summary>This intent with the venue's view of the order.</summary>
    public OrderIntent With(VenueOrder order) => this with
    {
        VenueOrderId = order.VenueOrderId,
        VenueState = order.State,
        FilledQuantity = order.FilledQuantity,
        AveragePrice = order.AveragePrice,
        Fee = order.Fee,
        FeeAsset = order.FeeAsset,
        State = order.State.IsFinal() ? (order.State == VenueOrderState.Rejected ? OrderIntentState.NotPlaced : OrderIntentState.Final) : OrderIntentState.Placed,
    };
}
