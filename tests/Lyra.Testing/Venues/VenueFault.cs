namespace Lyra.Testing.Venues;

/// <summary>What a fake venue does to the next order placement (the faults users of other bots report after timeouts).</summary>
public enum VenueFault
{
    /// <summary>Nothing: accept and answer.</summary>
    None = 0,
    /// <summary>Accept the order, then drop the connection without an answer.</summary>
    AcceptThenDrop = 1,
    /// <summary>Accept the order, then answer 504 from a "gateway" (HTML body).</summary>
    AcceptThen504 = 2,
    /// <summary>Accept the order, then answer only after the client has given up.</summary>
    SlowAck = 3,
    /// <summary>Refuse with 429 and Retry-After; nothing placed.</summary>
    RateLimit = 4,
    /// <summary>Drop the connection before accepting; nothing placed.</summary>
    DropBeforeAccept = 5,
    /// <summary>Answer 503 before accepting; nothing placed.</summary>
    UnavailableBeforeAccept = 6,
    /// <summary>Accept, but fill only part of a market order (the rest expires).</summary>
    PartialFill = 7,
}
