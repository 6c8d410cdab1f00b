using Microsoft.Extensions.Configuration;

namespace Lyra.Testing;

/// <summary>Configuration for tests: Azurite storage, a unique table prefix, plus overrides.</summary>
public static class TestConfiguration
{
    /// <summary>Builds configuration pointing at the shared Azurite with table prefix <paramref name="prefix"/>.</summary>
    public static async Task<IConfiguration> ForAzuriteAsync(string prefix, IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Lyra:Storage:ConnectionString"] = await Azurite.GetConnectionStringAsync(),
            ["Lyra:Storage:TablePrefix"] = prefix,
            ["Lyra:Storage:QueuePrefix"] = prefix.ToLowerInvariant() + "-",
            ["Lyra:MarketData:Source"] = "replay",
            ["Lyra:Collect:Markets:0"] = "replay:BTCUSDT:1m",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) values[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
