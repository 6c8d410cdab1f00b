using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>
/// Live mode (<c>Lyra:Trading:Exchange=live</c>) trades each market on its own venue, so every market must be on an
/// enabled venue with its keys; a data-only market (Binance, replay) cannot trade live. Each failure names its setting.
/// </summary>
public sealed class LiveTradingValidator(IOptions<CollectOptions> collect, IOptionsMonitor<VenueOptions> venues) : IValidateOptions<TradingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TradingOptions options)
    {
        if (!options.IsLive) return ValidateOptionsResult.Skip;
        List<string> markets;
        try
        {
            markets = collect.Value.Markets;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // the markets' own validation reports them
        }

        var failures = new List<string>();
        for (var i = 0; i < markets.Count; i++)
        {
            Market market;
            try
            {
                market = Market.Parse(markets[i]);
            }
            catch (ValidationException)
            {
                continue;
            }

            var at = $"{VenueNames.Section}:{market.Exchange}";
            if (!VenueNames.Trading.Contains(market.Exchange))
            {
                failures.Add($"{TradingOptions.Section}:Exchange: live, but {CollectOptions.Section}:Markets:{i} '{markets[i]}' is on {market.Exchange}, " +
                    $"which Lyra reads data from but cannot trade on; live venues: {string.Join(", ", VenueNames.Trading)}");
                continue;
            }

            var v = venues.Get(market.Exchange);
            if (!v.Enabled) failures.Add($"{TradingOptions.Section}:Exchange: live, but {at}:Enabled is not true for '{markets[i]}'");
            else if (!v.HasCredentials) failures.Add($"{at}:ApiKey: live trading on {market.Exchange} needs its ApiKey and ApiSecret (lyra vault set {at}:ApiKey)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
