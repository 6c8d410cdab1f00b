namespace Lyra.Exchanges.Ledger;

/// <summary>Where an order intent is between "decided" and "the venue's final word".</summary>
public enum OrderIntentState
{
    /// <summary>Written before the request is sent: the request may or may not have reached the venue.</summary>
    Pending = 0,
    /// <summary>Sent without an answer (timeout, reset, 5xx): it must be looked up by client id before anything else.</summary>
    Unknown = 1,
    /// <summary>The venue has it (its order id is known) and it is not final yet.</summary>
    Placed = 2,
    /// <summary>The venue's order reached a final state (filled, canceled, expired).</summary>
    Final = 3,
    /// <summary>The venue refused it or the lookups prove it never arrived; nothing was traded (final).</summary>
    NotPlaced = 4,
}
