using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// A market's exchange picks where its candles come from: the configured data source's markets (<c>binance</c> by the
/// Binance klines API, <c>replay</c> by the replay), and an enabled venue's markets (<c>gateio:BTC_USDT:1m</c>) by that
/// venue. A market on a venue that is not enabled is a start-up error naming the setting, instead of being fetched
/// silently from another venue.
/// </summary>
public sealed class MarketSourceValidator(IOptions<MarketDataOptions> marketData, IOptionsMonitor<VenueOptions> venues) : IValidateOptions<CollectOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CollectOptions options)
    {
        string source;
        try
        {
            source = marketData.Value.Source;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // the source setting itself is wrong; its own validation says so
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Markets.Count; i++)
        {
            Market market;
            try
            {
                market = Market.Parse(options.Markets[i]);
            }
            catch (ValidationException)
            {
                continue; // reported by LyraOptionsValidator
            }

            if (VenueNames.Trading.Contains(market.Exchange) && venues.Get(market.Exchange).Enabled) continue;
            if (VenueNames.Trading.Contains(market.Exchange))
            {
                failures.Add($"{CollectOptions.Section}:Markets:{i}: '{options.Markets[i]}' trades on {market.Exchange}, which is not enabled " +
                    $"(set {VenueNames.Section}:{market.Exchange}:Enabled=true; its candles and, in live mode, its orders go there)");
            }
            else if (!string.Equals(market.Exchange, source, StringComparison.Ordinal))
            {
                failures.Add($"{CollectOptions.Section}:Markets:{i}: '{options.Markets[i]}' trades on {market.Exchange}, but candles come from " +
                    $"{source} ({MarketDataOptions.Section}:Source); there is no {market.Exchange} data source, so its candles would be another venue's");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
