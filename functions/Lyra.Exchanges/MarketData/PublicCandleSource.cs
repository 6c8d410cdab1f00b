using Lyra.Core.Errors;
using Lyra.Data.Sources;
using Lyra.Exchanges.Binance;
using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Kraken;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.Venues;
using Lyra.Exchanges.WhiteBit;

namespace Lyra.Exchanges.MarketData;

/// <summary>A venue's public candle endpoint without keys or trading: what <c>lyra data download</c> reads.</summary>
public static class PublicCandleSource
{
    /// <summary>Binance's public REST address.</summary>
    public const string BinanceBaseUrl = "https://api.binance.com/";

    /// <summary>The exchanges candles can be downloaded from.</summary>
    public static IReadOnlyList<string> Exchanges { get; } = ["binance", GateIoClient.Id, OkxClient.Id, KrakenClient.Id, WhiteBitClient.Id];

    /// <summary>
    /// The candle source of <paramref name="exchange"/> over <paramref name="http"/> (whose base address is set here to
    /// <paramref name="baseUrl"/> or the venue's own).
    /// </summary>
    /// <exception cref="ValidationException">Unknown exchange.</exception>
    public static IMarketDataSource Create(string exchange, HttpClient http, string? baseUrl, TimeProvider time)
    {
        var venue = exchange.ToLowerInvariant();
        if (!Exchanges.Contains(venue)) throw new ValidationException("--exchange", $"'{exchange}' is not one of {string.Join(", ", Exchanges)}");
        http.BaseAddress = new Uri(baseUrl ?? (venue == "binance" ? BinanceBaseUrl : VenueNames.DefaultBaseUrl(venue)));
        if (venue == "binance") return new BinanceMarketDataSource(http, time);
        // Venue connectors time each request themselves.
        http.Timeout = Timeout.InfiniteTimeSpan;
        var options = new VenueOptions();
        IVenueClient client = venue switch
        {
            GateIoClient.Id => new GateIoClient(http, options, time),
            OkxClient.Id => new OkxClient(http, options, time),
            KrakenClient.Id => new KrakenClient(http, options, time),
            _ => new WhiteBitClient(http, options, time),
        };
        return new VenueMarketDataSource(client);
    }
}
