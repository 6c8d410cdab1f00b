using Lyra.Exchanges.Live;
using Lyra.Exchanges.Venues;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Configuration;

/// <summary>Live mode (<c>Lyra:Trading:Exchange=live</c>): <see cref="LiveTradingRules"/> over the configured markets.</summary>
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

        var failures = LiveTradingRules.Failures(markets, $"{CollectOptions.Section}:Markets", $"{TradingOptions.Section}:Exchange", venues.Get);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
