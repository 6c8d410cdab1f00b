namespace Lyra.Exchanges.Venues;

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>At the best available prices now.</summary>
    Market = 0,
    /// <summary>At the given price or better; may rest on the book.</summary>
    Limit = 1,
}

/// <summary>How long a limit order stays on the book.</summary>
public enum TimeInForce
{
    /// <summary>Good till canceled.</summary>
    Gtc = 0,
    /// <summary>Immediate or cancel: fill what can be filled now, cancel the rest.</summary>
    Ioc = 1,
    /// <summary>Fill or kill: fill completely now or not at all.</summary>
    Fok = 2,
    /// <summary>Post only: rest on the book as a maker or be canceled.</summary>
    PostOnly = 3,
}
