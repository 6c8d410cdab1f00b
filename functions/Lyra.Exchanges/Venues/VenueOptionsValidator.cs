using System.Globalization;
using Microsoft.Extensions.Options;

namespace Lyra.Exchanges.Venues;

/// <summary>Start-up checks of <c>Lyra:Exchanges:&lt;venue&gt;</c>; each failure names its setting. Never echoes a key.</summary>
public sealed class VenueOptionsValidator : IValidateOptions<VenueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VenueOptions options)
    {
        if (string.IsNullOrEmpty(name)) return ValidateOptionsResult.Skip;
        var at = $"{VenueNames.Section}:{name}";
        var failures = new List<string>();
        if (!VenueNames.Trading.Contains(name))
        {
            failures.Add($"{at}: there is no connector for '{name}'; known venues: {string.Join(", ", VenueNames.Trading)}");
            return ValidateOptionsResult.Fail(failures);
        }

        if (options.BaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            failures.Add($"{at}:BaseUrl: '{url}' is not an absolute http(s) address");
        }

        if (options.TimeoutSeconds is < 0.1 or > 120) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:TimeoutSeconds: {options.TimeoutSeconds} is outside 0.1..120"));
        if (options.InstrumentCacheMinutes is < 0 or > 1440) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:InstrumentCacheMinutes: {options.InstrumentCacheMinutes} is outside 0..1440"));
        if (options.OrdersPerSecond is <= 0) failures.Add($"{at}:OrdersPerSecond: must be positive");
        if (options.RequestsPerSecond is <= 0) failures.Add($"{at}:RequestsPerSecond: must be positive");
        if (string.IsNullOrEmpty(options.ApiKey) != string.IsNullOrEmpty(options.ApiSecret))
        {
            failures.Add($"{at}: ApiKey and ApiSecret go together; one of them is missing (lyra vault set {at}:ApiKey / {at}:ApiSecret)");
        }

        if (name == Okx.OkxClient.Id && options.HasCredentials && string.IsNullOrEmpty(options.Passphrase))
        {
            failures.Add($"{at}:Passphrase: an OKX key needs its passphrase (lyra vault set {at}:Passphrase)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
