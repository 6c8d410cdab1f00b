using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Lyra.Ai.Analysts;
using Lyra.Ai.Consensus;
using Lyra.Ai.Costs;
using Lyra.Ai.Models;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Voting;
using Lyra.Core.Health;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Data.Storage;
using Lyra.Exchanges.Binance;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Risk.Gate;
using Lyra.Workflows.Activities;
using Lyra.Workflows.Api;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Health;
using Lyra.Workflows.Messaging;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Hosting;

/// <summary>Registers Lyra's application (options, stores, services, activities, API) the same way for both hosts.</summary>
public static class LyraServiceCollectionExtensions
{
    /// <summary>
    /// Adds Lyra. Options are bound from <paramref name="configuration"/> and validated at start-up; storage comes from
    /// <c>Lyra:Storage:ConnectionString</c> or <c>AzureWebJobsStorage</c>. Hosts may register their own
    /// <see cref="TimeProvider"/> or <see cref="IMarketDataSource"/> first.
    /// </summary>
    public static IServiceCollection AddLyra(this IServiceCollection services, IConfiguration configuration, string hostName)
    {
        Signals.AiSignalStrategy.Register();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LyraOptionsValidator>();
        Bind<CollectOptions>(services, configuration, CollectOptions.Section);
        Bind<MarketDataOptions>(services, configuration, MarketDataOptions.Section);
        Bind<StrategyOptions>(services, configuration, StrategyOptions.Section);
        Bind<TradingOptions>(services, configuration, TradingOptions.Section);
        Bind<StorageOptions>(services, configuration, StorageOptions.Section);
        Bind<RiskLimits>(services, configuration, "Lyra:Risk");
        Bind<ConsensusOptions>(services, configuration, "Lyra:Consensus");
        Bind<PaperExchangeOptions>(services, configuration, "Lyra:Paper");
        Bind<AiOptions>(services, configuration, AiOptions.Section);
        Bind<OpenRouterOptions>(services, configuration, OpenRouterOptions.Section);
        services.PostConfigure<CollectOptions>(o => { if (o.Markets.Count == 0) o.Markets.Add(CollectOptions.DefaultMarket); });
        var openRouter = configuration.GetSection(OpenRouterOptions.Section).Get<OpenRouterOptions>() ?? new OpenRouterOptions();
        var llmModels = openRouter.ApiKeys.Count > 0 ? openRouter.Models : [];
        services.PostConfigure<TradingOptions>(o =>
        {
            if (o.Voters.Count > 0) return;
            o.Voters.AddRange(TradingOptions.DefaultVoters);
            o.Voters.AddRange(llmModels.Select(m => "llm:" + m)); // configured models join the default panel
        });
        services.AddSingleton(sp => new HostInfo(hostName, sp.GetRequiredService<TimeProvider>().GetUtcNow()));

        // Storage
        services.AddSingleton(sp => StorageClients.Tables(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => StorageClients.Queues(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new TableProvider(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.AddSingleton<CandleStore>();
        services.AddSingleton<SignalStore>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<PortfolioStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<RejectedMessageStore>();
        services.AddSingleton<FlowStartStore>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<ILlmResponseCache, LlmResponseCacheStore>();
        services.AddSingleton<ICostLedger, CostLedgerStore>();
        services.AddSingleton<VoterPerformanceStore>();
        services.AddSingleton<LyraQueues>();
        services.AddSingleton<MarketUpdatePublisher>();

        // Market data: the host may have registered a source already (the replay of lyra run).
        services.AddHttpClient<BinanceMarketDataSource>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<MarketDataOptions>>().Value.BinanceBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(15);
        });
        services.TryAddSingleton<IMarketDataSource>(sp => CreateSource(sp));

        // Domain
        services.AddSingleton(sp => new RiskGate(sp.GetRequiredService<IOptions<RiskLimits>>().Value));
        services.AddSingleton<IPriceSource, CandlePriceSource>();
        services.TryAddSingleton<IExchange>(sp => new PaperExchange(sp.GetRequiredService<IPriceSource>(),
            sp.GetRequiredService<IOptions<PaperExchangeOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IVoter, TrendAnalyst>();
        services.AddSingleton<IVoter, MeanReversionAnalyst>();
        services.AddSingleton<IVoter, VolatilityRegimeAnalyst>();
        // Models through OpenRouter: keys, the model list (prices), budgets and the one gateway every call goes through.
        services.AddHttpClient("openrouter");
        services.AddSingleton(sp => new ApiKeyPool(openRouter.ApiKeys, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(openRouter.KeyCooldownSeconds)));
        services.AddSingleton(sp => new OpenRouterClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("openrouter"), openRouter));
        services.AddSingleton(sp => new ModelCatalog(sp.GetRequiredService<OpenRouterClient>(), openRouter, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CostManager(sp.GetRequiredService<ICostLedger>(), sp.GetRequiredService<IOptions<AiOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OpenRouterChat(sp.GetRequiredService<ApiKeyPool>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("openrouter"),
            openRouter, sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<CostManager>(), sp.GetRequiredService<TimeProvider>()));
        for (var i = 0; i < llmModels.Count; i++)
        {
            var (model, role) = (llmModels[i], openRouter.RoleOf(i));
            // Lazy: voters are listed while options are validated, before the gateway's storage may be resolved.
            services.AddSingleton<IVoter>(sp => new LlmVoter(model, role, new Lazy<OpenRouterChat>(sp.GetRequiredService<OpenRouterChat>),
                openRouter, new Lazy<ILlmResponseCache?>(sp.GetRequiredService<ILlmResponseCache>)));
        }

        services.AddSingleton<VoterPanel>();

        // Application services and API
        services.AddSingleton<MarketDataCollector>();
        services.AddSingleton<SignalGenerator>();
        services.AddSingleton<RiskAssessor>();
        services.AddSingleton<VoteContextBuilder>();
        services.AddSingleton<PanelPlanner>();
        services.AddSingleton<PositionMonitors>();
        services.AddSingleton<AiApi>();
        services.AddSingleton<LyraApi>();
        services.AddSingleton<IHealthProbe, StorageHealthProbe>();
        services.AddSingleton<IHealthProbe, MarketDataHealthProbe>();
        services.AddSingleton<IHealthProbe, ExchangeHealthProbe>();
        services.AddSingleton<IHealthProbe, VotersHealthProbe>();

        // Durable: the orchestrator has no dependencies; activities are resolved per call.
        services.AddTransient<TradeFlowOrchestrator>();
        services.AddTransient<PositionMonitorOrchestrator>();
        services.AddTransient<CheckStopsActivity>();
        services.AddTransient<GatherContextActivity>();
        services.AddTransient<AskVoterActivity>();
        services.AddTransient<EvaluateRiskActivity>();
        services.AddTransient<PlaceOrderActivity>();
        services.AddTransient<RecordFillActivity>();
        services.AddTransient<RecordDecisionActivity>();
        return services;
    }

    /// <summary>The activity classes by task name, so each host registers the same set.</summary>
    public static IReadOnlyDictionary<string, Type> ActivityTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [TaskNames.GatherContext] = typeof(GatherContextActivity),
        [TaskNames.AskVoter] = typeof(AskVoterActivity),
        [TaskNames.EvaluateRisk] = typeof(EvaluateRiskActivity),
        [TaskNames.PlaceOrder] = typeof(PlaceOrderActivity),
        [TaskNames.RecordFill] = typeof(RecordFillActivity),
        [TaskNames.RecordDecision] = typeof(RecordDecisionActivity),
        [TaskNames.CheckStops] = typeof(CheckStopsActivity),
    };

    /// <summary>The orchestrator classes by name, so each host registers the same set.</summary>
    public static IReadOnlyDictionary<string, Type> OrchestratorTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [TaskNames.TradeFlow] = typeof(TradeFlowOrchestrator),
        [TaskNames.PositionMonitor] = typeof(PositionMonitorOrchestrator),
    };

    /// <summary>Registers the orchestrations and their activities under their task names on a Microsoft.DurableTask worker registry.</summary>
    public static void AddTradeFlow(this Microsoft.DurableTask.DurableTaskRegistry registry)
    {
        foreach (var (name, type) in OrchestratorTypes) registry.AddOrchestrator(name, type);
        foreach (var (name, type) in ActivityTypes) registry.AddActivity(name, type);
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => (IValidateOptions<T>)(object)sp.GetRequiredService<LyraOptionsValidator>());
    }

    private static IMarketDataSource CreateSource(IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<MarketDataOptions>>().Value;
        if (o.Source == "binance") return sp.GetRequiredService<BinanceMarketDataSource>();
        var markets = sp.GetRequiredService<IOptions<CollectOptions>>().Value.Markets;
        var tf = Market.Parse(markets[0]).Timeframe;
        var candles = string.IsNullOrEmpty(o.ReplayFile)
            ? SyntheticSeries.Generate(1440, 42, tf, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
            : CandleFileLoader.LoadAsync(o.ReplayFile).GetAwaiter().GetResult();
        return new ReplayMarketDataSource(candles, tf);
    }
}

/// <summary>Builds storage clients from a connection string or an identity-based account name.</summary>
public static class StorageClients
{
    /// <summary>The connection string, if one is configured.</summary>
    public static string? ConnectionString(IConfiguration configuration, StorageOptions options) =>
        !string.IsNullOrEmpty(options.ConnectionString) ? options.ConnectionString
        : configuration["AzureWebJobsStorage"] is { Length: > 0 } c ? c : null;

    /// <summary>Table service client.</summary>
    public static TableServiceClient Tables(IConfiguration configuration, StorageOptions options) =>
        ConnectionString(configuration, options) is { } cs ? new TableServiceClient(cs)
        : new TableServiceClient(new Uri($"https://{Account(configuration)}.table.core.windows.net"), Credential());

    /// <summary>Queue service client (Base64 messages, as the Functions queue trigger expects).</summary>
    public static QueueServiceClient Queues(IConfiguration configuration, StorageOptions options)
    {
        var qo = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString(configuration, options) is { } cs ? new QueueServiceClient(cs, qo)
            : new QueueServiceClient(new Uri($"https://{Account(configuration)}.queue.core.windows.net"), Credential(), qo);
    }

    private static string Account(IConfiguration configuration) =>
        configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } a ? a
        : throw new OptionsValidationException("Lyra:Storage", typeof(StorageOptions),
            ["Lyra:Storage:ConnectionString: no storage configured; set Lyra:Storage:ConnectionString, AzureWebJobsStorage or AzureWebJobsStorage__accountName"]);

    private static DefaultAzureCredential Credential() => new();
}
