using Lyra.Data.Candles;
using Lyra.Data.Markets;

namespace Lyra.Exchanges.Venues;

/// <summary>
/// One venue's REST API, normalized: symbols are <c>BASE/QUOTE</c>, sides and states are Lyra's, errors are
/// <see cref="VenueException"/> whose <see cref="VenueErrorKind"/> says whether a write may have happened. A connector
/// never repeats a write by itself; the live exchange decides what to do after an unknown outcome.
/// </summary>
public interface IVenueClient
{
    /// <summary>Venue id as used in market keys (<c>gateio</c>, <c>okx</c>, <c>whitebit</c>, <c>kraken</c>).</summary>
    string Venue { get; }

    /// <summary>The venue's spelling of a Lyra client order id (prefix, alphabet and length it accepts); deterministic.</summary>
    string FormatClientId(string clientOrderId);

    /// <summary>The venue's clock (a public call): what signed requests' timestamps are checked against.</summary>
    Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default);

    /// <summary>Every pair with its trading rules (cached by the client).</summary>
    Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The pair <paramref name="symbol"/> (normalized or the venue's spelling).</summary>
    /// <exception cref="VenueException">Unknown pair (<see cref="VenueErrorKind.Rejected"/>).</exception>
    Task<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>Latest prices of a pair.</summary>
    Task<Ticker> GetTickerAsync(string symbol, CancellationToken cancellationToken = default);

    /// <summary>The top <paramref name="depth"/> levels of each side of the book.</summary>
    Task<OrderBook> GetOrderBookAsync(string symbol, int depth, CancellationToken cancellationToken = default);

    /// <summary>Closed candles after <paramref name="after"/> (all recent ones when null), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, Timeframe timeframe, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The account's balances (assets with a zero total left out).</summary>
    Task<IReadOnlyList<AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends an order once. Never retried inside: a timeout is <see cref="VenueErrorKind.Unknown"/>.</summary>
    Task<VenueOrder> PlaceOrderAsync(VenueOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels an order; returns its state after the cancel (a filled order stays filled).</summary>
    Task<VenueOrder> CancelOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default);

    /// <summary>An order by the venue's id, or null when the venue does not know it.</summary>
    Task<VenueOrder?> GetOrderAsync(string symbol, string venueOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// An order by client id (venue format): open orders first, then history and fills since <paramref name="since"/>;
    /// null when the venue has no order with that id.
    /// </summary>
    Task<VenueOrder?> FindByClientIdAsync(string symbol, string clientId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Open orders (of one pair when given).</summary>
    Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(string? symbol, CancellationToken cancellationToken = default);

    /// <summary>Fills of a pair since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<VenueFill>> GetFillsAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>What the key may do, where the venue says; <see cref="KeyPermissions.Unknown"/> elsewhere.</summary>
    Task<KeyPermissions> GetKeyPermissionsAsync(CancellationToken cancellationToken = default);
}
