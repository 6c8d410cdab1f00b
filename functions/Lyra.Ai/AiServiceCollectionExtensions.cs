using Lyra.Ai.Analysts;
using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Ai;

/// <summary>Registers the AI module: options, the offline analysts, the OpenRouter gateway and its LLM voters, the panel.</summary>
public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the AI module. Its options are bound from <paramref name="configuration"/> and validated at start-up. The host
    /// adds the stores it needs (<see cref="ICostLedger"/>, <see cref="ILlmResponseCache"/>, <see cref="Performance.IVoterPerformanceStore"/>).
    /// </summary>
    public static IServiceCollection AddLyraAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AiOptionsValidator>();
        Bind<ConsensusOptions>(services, configuration, ConsensusOptions.Section);
        Bind<AiOptions>(services, configuration, AiOptions.Section);
        Bind<OpenRouterOptions>(services, configuration, OpenRouterOptions.Section);

        services.AddSingleton<IVoter, TrendAnalyst>();
        services.AddSingleton<IVoter, MeanReversionAnalyst>();
        services.AddSingleton<IVoter, VolatilityRegimeAnalyst>();

        // Models through OpenRouter: keys, the model list (prices), budgets and the one gateway every call goes through.
        var openRouter = OpenRouter(configuration);
        services.AddHttpClient("openrouter");
        services.AddSingleton(sp => new ApiKeyPool(openRouter.ApiKeys, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(openRouter.KeyCooldownSeconds)));
        services.AddSingleton(sp => new OpenRouterClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("openrouter"), openRouter));
        services.AddSingleton(sp => new ModelCatalog(sp.GetRequiredService<OpenRouterClient>(), openRouter, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CostManager(sp.GetRequiredService<ICostLedger>(), sp.GetRequiredService<IOptions<AiOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OpenRouterChat(sp.GetRequiredService<ApiKeyPool>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("openrouter"),
            openRouter, sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<CostManager>(), sp.GetRequiredService<TimeProvider>()));
        var models = PanelModels(configuration);
        for (var i = 0; i < models.Count; i++)
        {
            var (model, role) = (models[i], openRouter.RoleOf(i));
            // Lazy: voters are listed while options are validated, before the gateway's storage may be resolved.
            services.AddSingleton<IVoter>(sp => new LlmVoter(model, role, new Lazy<OpenRouterChat>(sp.GetRequiredService<OpenRouterChat>),
                openRouter, new Lazy<ILlmResponseCache?>(sp.GetRequiredService<ILlmResponseCache>)));
        }

        services.AddSingleton<VoterPanel>();
        return services;
    }

    /// <summary>The models that vote: the configured ones, when there is a key to ask them with.</summary>
    public static IReadOnlyList<string> PanelModels(IConfiguration configuration)
    {
        var o = OpenRouter(configuration);
        return o.ApiKeys.Count > 0 ? o.Models : [];
    }

    private static OpenRouterOptions OpenRouter(IConfiguration configuration) =>
        configuration.GetSection(OpenRouterOptions.Section).Get<OpenRouterOptions>() ?? new OpenRouterOptions();

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => (IValidateOptions<T>)(object)sp.GetRequiredService<AiOptionsValidator>());
    }
}
