using Lyra.Exchanges.Venues;
using Microsoft.Extensions.Options;

namespace Lyra.Exchanges.Paper;

/// <summary><c>Lyra:Paper:Imitate</c> must name a venue with a connector, and that venue must be enabled (its prices are read).</summary>
public sealed class PaperVenueValidator(IOptionsMonitor<VenueOptions> venues) : IValidateOptions<PaperExchangeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PaperExchangeOptions options)
    {
        if (options.Imitate is not { Length: > 0 } venue) return ValidateOptionsResult.Skip;
        if (!VenueNames.Trading.Contains(venue))
        {
            return ValidateOptionsResult.Fail($"Lyra:Paper:Imitate: '{venue}' is not a venue Lyra connects to; known: {string.Join(", ", VenueNames.Trading)}");
        }

        return venues.Get(venue).Enabled ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Lyra:Paper:Imitate: {venue} must be enabled ({VenueNames.Section}:{venue}:Enabled=true) so its prices can be read");
    }
}
