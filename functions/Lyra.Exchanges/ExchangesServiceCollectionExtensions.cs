using Lyra.Exchanges.GateIo;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Kraken;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.Okx;
using Lyra.Exchanges.WhiteBit;
using Lyra.Exchanges.Paper;
using Lyra.Exchanges.Venues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Exchanges;

/// <summary>Registers the venues configured under <c>Lyra:Exchanges:&lt;venue&gt;</c> and their live exchanges.</summary>
public static class ExchangesServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="VenueRegistry"/> of the enabled venues (each an <see cref="IVenueClient"/> over its own
    /// HttpClient and a <see cref="LiveExchange"/> over the intent ledger). Every configured venue's settings are validated
    /// at start-up. The host adds the <see cref="IOrderIntentStore"/>.
    /// </summary>
    public static IServiceCollection AddLyraExchanges(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<VenueOptions>, VenueOptionsValidator>();
        services.AddSingleton<IValidateOptions<PaperExchangeOptions>, PaperVenueValidator>();
        services.AddOptions<LiveExchangeOptions>().Bind(configuration.GetSection(VenueNames.Section + ":Orders"));
        var enabled = new List<string>();
        foreach (var section in configuration.GetSection(VenueNames.Section).GetChildren())
        {
            if (section.Key == "Orders") continue;
            var venue = section.Key.ToLowerInvariant();
            services.AddOptions<VenueOptions>(venue).Bind(section).ValidateOnStart();
            if (!section.GetValue<bool>(nameof(VenueOptions.Enabled)) || !VenueNames.Trading.Contains(venue)) continue;
            enabled.Add(venue);
            services.AddHttpClient("venue:" + venue, (sp, http) =>
            {
                var o = sp.GetRequiredService<IOptionsMonitor<VenueOptions>>().Get(venue);
                http.BaseAddress = new Uri(o.BaseUrl ?? VenueNames.DefaultBaseUrl(venue));
                http.Timeout = Timeout.InfiniteTimeSpan; // the connector times each request itself
            });
        }

        services.AddSingleton(sp => new VenueRegistry(enabled.Select(v => new LiveExchange(CreateClient(sp, v), sp.GetRequiredService<IOrderIntentStore>(),
            sp.GetRequiredService<IOptions<LiveExchangeOptions>>().Value, sp.GetRequiredService<TimeProvider>()))));
        return services;
    }

    /// <summary>The venues <paramref name="configuration"/> enables (known before the container is built, for per-venue registrations).</summary>
    public static IReadOnlyList<string> EnabledVenues(IConfiguration configuration) =>
        [.. configuration.GetSection(VenueNames.Section).GetChildren()
            .Where(s => s.GetValue<bool>(nameof(VenueOptions.Enabled)) && VenueNames.Trading.Contains(s.Key.ToLowerInvariant()))
            .Select(s => s.Key.ToLowerInvariant())];

    // One factory per venue in VenueNames.Trading.
    private static readonly Dictionary<string, Func<HttpClient, VenueOptions, TimeProvider, IVenueClient>> Connectors = new(StringComparer.Ordinal)
    {
        [GateIoClient.Id] = (http, options, time) => new GateIoClient(http, options, time),
        [OkxClient.Id] = (http, options, time) => new OkxClient(http, options, time),
        [KrakenClient.Id] = (http, options, time) => new KrakenClient(http, options, time),
        [WhiteBitClient.Id] = (http, options, time) => new WhiteBitClient(http, options, time),
    };

    private static IVenueClient CreateClient(IServiceProvider sp, string venue) => Connectors[venue](
        sp.GetRequiredService<IHttpClientFactory>().CreateClient("venue:" + venue),
        sp.GetRequiredService<IOptionsMonitor<VenueOptions>>().Get(venue),
        sp.GetRequiredService<TimeProvider>());
}
