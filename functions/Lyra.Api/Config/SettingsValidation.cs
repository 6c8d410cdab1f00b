using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.OpenRouter;
using Lyra.Exchanges.Paper;
using Lyra.Exchanges.Venues;
using Lyra.Risk.Gate;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Config;

/// <summary>
/// Validates every options section as at start-up, now (run-time settings included): what <c>GET /api/config/validate</c>
/// and the preflight report. Each section is built afresh by the host's options factory, so nothing cached hides a failure.
/// </summary>
public sealed class SettingsValidation(IServiceProvider services, VenueRegistry venues)
{
    /// <summary>Each section's result.</summary>
    public IReadOnlyList<SectionCheck> Run()
    {
        var checks = new List<SectionCheck>
        {
            Check<CollectOptions>(CollectOptions.Section),
            Check<MarketDataOptions>(MarketDataOptions.Section),
            Check<StrategyOptions>(StrategyOptions.Section),
            Check<TradingOptions>(TradingOptions.Section),
            Check<RiskLimits>("Lyra:Risk"),
            Check<PaperExchangeOptions>("Lyra:Paper"),
            Check<ConsensusOptions>(ConsensusOptions.Section),
            Check<AiOptions>(AiOptions.Section),
            Check<OpenRouterOptions>(OpenRouterOptions.Section),
        };
        checks.AddRange(venues.Enabled.Order(StringComparer.Ordinal).Select(v => Check<VenueOptions>($"{VenueNames.Section}:{v}", v)));
        return checks;
    }

    private SectionCheck Check<T>(string section, string? name = null) where T : class
    {
        try
        {
            services.GetRequiredService<IOptionsFactory<T>>().Create(name ?? Options.DefaultName);
            return new SectionCheck(section, true, []);
        }
        catch (OptionsValidationException e)
        {
            return new SectionCheck(section, false, [.. e.Failures]);
        }
        catch (InvalidOperationException e)
        {
            // The binder: a value that does not convert to its setting's type.
            return new SectionCheck(section, false, [e.Message]);
        }
    }
}
