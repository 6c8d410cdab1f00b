using System.ComponentModel.DataAnnotations;

namespace Lyra.Workflows.Configuration;

/// <summary>Where candles come from (section <c>Lyra:MarketData</c>).</summary>
public sealed class MarketDataOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:MarketData";

    /// <summary><c>binance</c> (public klines API) or <c>replay</c> (a file, or the built-in synthetic day).</summary>
    [Required, RegularExpression("^(binance|replay)$", ErrorMessage = "must be 'binance' or 'replay'")]
    public string Source { get; set; } = "binance";

    /// <summary>Base address of the Binance REST API.</summary>
    [Required, Url]
    public string BinanceBaseUrl { get; set; } = "https://api.binance.com/";

    /// <summary>Replay file (OHLCV CSV, Binance kline CSV or freqtrade JSON); empty = built-in synthetic day.</summary>
    public string? ReplayFile { get; set; }
}
