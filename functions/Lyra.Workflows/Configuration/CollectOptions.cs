using System.ComponentModel.DataAnnotations;

namespace Lyra.Workflows.Configuration;

/// <summary>Market-data collection (section <c>Lyra:Collect</c>).</summary>
public sealed class CollectOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:Collect";

    /// <summary>Six-field NCRONTAB schedule of the collector (seconds first), the same string the Functions timer reads.</summary>
    [Required]
    public string Schedule { get; set; } = "0 * * * * *";

    /// <summary>Market used when none is configured and candles come from Binance (the replay source trades <c>replay:BTCUSDT:1m</c>).</summary>
    public const string DefaultMarket = "binance:BTCUSDT:1m";

    /// <summary>
    /// Markets to collect and trade, as <c>exchange:SYMBOL:timeframe</c>; <see cref="DefaultMarket"/> when none is configured.
    /// (Starts empty because configuration binding appends to a list instead of replacing it.)
    /// </summary>
    public List<string> Markets { get; set; } = [];

    /// <summary>Most candles fetched per market per run (backfill on the first run).</summary>
    [Range(1, 10_000)]
    public int MaxCandlesPerRun { get; set; } = 500;
}
