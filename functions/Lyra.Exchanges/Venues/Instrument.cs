namespace Lyra.Exchanges.Venues;

/// <summary>A tradable pair on a venue with its trading rules.</summary>
/// <param name="Symbol">Normalized symbol, <c>BASE/QUOTE</c> (<c>BTC/USDT</c>).</param>
/// <param name="VenueSymbol">The venue's own spelling (<c>BTC_USDT</c>, <c>BTC-USDT</c>, <c>XXBTZUSD</c>).</param>
/// <param name="Base">Base asset, normalized (<c>BTC</c>).</param>
/// <param name="Quote">Quote asset, normalized (<c>USDT</c>).</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="QuantityStep">Base quantity increment.</param>
/// <param name="MinQuantity">Smallest base quantity.</param>
/// <param name="MinNotional">Smallest order value in quote currency (0 when the venue has none).</param>
/// <param name="Tradable">False while the venue has trading on the pair halted.</param>
public sealed record Instrument(string Symbol, string VenueSymbol, string Base, string Quote, decimal TickSize, decimal QuantityStep,
    decimal MinQuantity, decimal MinNotional, bool Tradable = true)
{
    /// <summary><paramref name="quantity"/> rounded down to the quantity step.</summary>
    public decimal RoundQuantity(decimal quantity) => QuantityStep > 0 ? Math.Floor(quantity / QuantityStep) * QuantityStep : quantity;

    /// <summary><paramref name="price"/> rounded to the tick (down for a buy, up for a sell: never a worse limit than asked).</summary>
    public decimal RoundPrice(decimal price, bool buy) =>
        TickSize <= 0 ? price : (buy ? Math.Floor(price / TickSize) : Math.Ceiling(price / TickSize)) * TickSize;

    /// <summary>Why <paramref name="quantity"/> at <paramref name="price"/> is below the venue's minimums, or null when it is not.</summary>
    public string? CheckMinimums(decimal quantity, decimal price) =>
        quantity < MinQuantity ? $"quantity {quantity} is below {VenueSymbol}'s minimum {MinQuantity}"
        : MinNotional > 0 && quantity * price < MinNotional ? $"notional {quantity * price:0.########} is below {VenueSymbol}'s minimum {MinNotional}"
        : null;
}
