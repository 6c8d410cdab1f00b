using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// A market's exchange picks where its candles come from: every configured market must be served by the configured data
/// source (<c>binance</c> markets by the Binance klines API, <c>replay</c> markets by the replay). A market on a venue
/// without a data source (<c>gateio:BTC_USDT:1m</c> today) is a start-up error naming the setting, instead of being
/// fetched silently from another venue.
/// </summary>
public sealed class MarketSourceValidator(IOptions<MarketDataOptions> marketData) : IValidateOptions<CollectOptions>
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

            if (!string.Equals(market.Exchange, source, StringComparison.Ordinal))
            {
                failures.Add($"{CollectOptions.Section}:Markets:{i}: '{options.Markets[i]}' trades on {market.Exchange}, but candles come from " +
                    $"{source} ({MarketDataOptions.Section}:Source); there is no {market.Exchange} data source, so its candles would be another venue's");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
