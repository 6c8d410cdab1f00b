using Lyra.Core.Errors;
using Lyra.Data.Markets;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Live;

/// <summary>
/// Live trading sends each market's orders to its own venue, so every market must be on an enabled venue with its keys;
/// a data-only market (Binance, replay) cannot trade live.
/// </summary>
public static class LiveTradingRules
{
    /// <summary>What stops <paramref name="markets"/> (the setting <paramref name="marketsSetting"/>) from trading live; empty when nothing does.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyList<string> markets, string marketsSetting, string modeSetting, Func<string, VenueOptions> venue)
    {
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
                continue; // the markets' own validation names it
            }

            var at = $"{VenueNames.Section}:{market.Exchange}";
            if (!VenueNames.Trading.Contains(market.Exchange))
            {
                failures.Add($"{modeSetting}: live, but {marketsSetting}:{i} '{markets[i]}' is on {market.Exchange}, which Lyra reads data from but cannot trade on; " +
                    $"live venues: {string.Join(", ", VenueNames.Trading)}");
                continue;
            }

            var v = venue(market.Exchange);
            if (!v.Enabled) failures.Add($"{modeSetting}: live, but {at}:Enabled is not true for '{markets[i]}'");
            else if (!v.HasCredentials) failures.Add($"{at}:ApiKey: live trading on {market.Exchange} needs its ApiKey and ApiSecret (lyra vault set {at}:ApiKey)");
        }

        return failures;
    }
}
