namespace Lyra.Exchanges.Venues;

/// <summary>The life of an order on a venue: new → open → partially filled → filled / canceled / rejected / expired.</summary>
public enum VenueOrderState
{
    /// <summary>Sent; the venue has not confirmed it yet.</summary>
    New = 0,
    /// <summary>On the book, nothing filled.</summary>
    Open = 1,
    /// <summary>On the book, part filled.</summary>
    PartiallyFilled = 2,
    /// <summary>Completely filled (final).</summary>
    Filled = 3,
    /// <summary>Canceled, possibly after a partial fill (final).</summary>
    Canceled = 4,
    /// <summary>Refused by the venue (final; nothing filled).</summary>
    Rejected = 5,
    /// <summary>Its time in force ran out (final; possibly after a partial fill).</summary>
    Expired = 6,
}

/// <summary>Helpers on <see cref="VenueOrderState"/>.</summary>
public static class VenueOrderStates
{
    /// <summary>True when the order cannot change any more.</summary>
    public static bool IsFinal(this VenueOrderState state) => state >= VenueOrderState.Filled;
}
