namespace Lyra.Exchanges.Venues;

/// <summary>One price level of a book.</summary>
/// <param name="Price">Price.</param>
/// <param name="Quantity">Base quantity at that price.</param>
public readonly record struct BookLevel(decimal Price, decimal Quantity);

/// <summary>The top of a venue's order book.</summary>
/// <param name="Symbol">Normalized symbol.</param>
/// <param name="Bids">Bids, best (highest) first.</param>
/// <param name="Asks">Asks, best (lowest) first.</param>
/// <param name="Time">When the venue produced it.</param>
public sealed record OrderBook(string Symbol, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks, DateTimeOffset Time);
