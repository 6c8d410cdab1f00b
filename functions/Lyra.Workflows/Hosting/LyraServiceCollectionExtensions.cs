using Lyra.Core.Options;
using Lyra.Notifications;
using Lyra.Ai;
using Lyra.Ai.Health;
using Lyra.Ai.OpenRouter;
using Lyra.Core.Health;
using Lyra.Data.Loading;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Exchanges;
using Lyra.Exchanges.Binance;
using Lyra.Exchanges.Health;
using Lyra.Exchanges.Live;
using Lyra.Exchanges.MarketData;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Exchanges.Venues;
using Lyra.Risk.Gate;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Activities;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Health;
using Lyra.Workflows.Orchestration;
using Lyra.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Hosting;

/// <summary>
/// Registers Lyra's application (options, domain services, activities, API handlers) the same way for both hosts. The
/// stores are interfaces here: the host adds their implementations (Lyra.Storage's <c>AddLyraStorage</c>).
/// </summary>
public static class LyraServiceCollectionExtensions
{
    /// <summary>
    /// Adds Lyra's application. Options are bound from <paramref name="configuration"/> and validated at start-up. Hosts
    /// may register their own <see cref="TimeProvider"/> or <see cref="IMarketDataSource"/> first.
    /// </summary>
    public static IServiceCollection AddLyraWorkflows(this IServiceCollection services, IConfiguration configuration, string hostName)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IStrategyProvider, BuiltInStrategies>();
        services.AddSingleton<IStrategyProvider, Signals.AiSignalStrategies>();
        services.AddSingleton<IStrategyFactory, StrategyFactory>();
        services.AddSingleton(sp => new Lyra.Strategies.Management.StrategyRegistry(sp.GetRequiredService<Lyra.Strategies.Management.IStrategyAssignmentStore>(),
            sp.GetRequiredService<IStrategyFactory>(), sp.GetRequiredService<TimeProvider>(), () => sp.GetRequiredService<IOptionsMonitor<StrategyOptions>>().CurrentValue.Configured()));
        services.AddSingleton<LyraOptionsValidator>();
        Bind<CollectOptions>(services, configuration, CollectOptions.Section);
        Bind<MarketDataOptions>(services, configuration, MarketDataOptions.Section);
        Bind<StrategyOptions>(services, configuration, StrategyOptions.Section);
        Bind<TradingOptions>(services, configuration, TradingOptions.Section);
        Bind<RiskLimits>(services, configuration, "Lyra:Risk");
        Bind<PaperExchangeOptions>(services, configuration, "Lyra:Paper");
        // No market configured: BTCUSDT 1m on the configured source's venue.
        services.AddOptions<CollectOptions>().PostConfigure<IOptions<MarketDataOptions>>((o, data) =>
        {
            if (o.Markets.Count == 0) o.Markets.Add(data.Value.Source == "binance" ? CollectOptions.DefaultMarket : $"{data.Value.Source}:BTCUSDT:1m");
        });
        services.AddSingleton<IValidateOptions<CollectOptions>, MarketSourceValidator>();
        services.AddSingleton<IValidateOptions<TradingOptions>, LiveTradingValidator>();
        var llmModels = AiServiceCollectionExtensions.PanelModels(configuration);
        services.PostConfigure<TradingOptions>(o =>
        {
            if (o.Voters.Count > 0) return;
            o.Voters.AddRange(TradingOptions.DefaultVoters);
            o.Voters.AddRange(llmModels.Select(m => LlmVoter.NamePrefix + m)); // configured models join the default panel
        });
        services.AddSingleton(sp => new HostInfo(hostName, sp.GetRequiredService<TimeProvider>().GetUtcNow()));

        // Market data: the host may have registered a source already (the replay of lyra run).
        services.AddHttpClient<BinanceMarketDataSource>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<MarketDataOptions>>().Value.BinanceBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(15);
        });
        services.AddLyraExchanges(configuration);

        // Trade events: kept in the outbox when on, and drained to Service Bus when a namespace is configured.
        services.AddOptions<Monitoring.Events.EventsOptions>().Bind(configuration.GetSection(Monitoring.Events.EventsOptions.Section));
        services.AddSingleton(sp => new Monitoring.Events.TradeEvents(
            sp.GetRequiredService<IOptions<Monitoring.Events.EventsOptions>>().Value.Enabled ? sp.GetRequiredService<Monitoring.Events.IEventOutbox>() : null,
            sp.GetRequiredService<TimeProvider>(), NotifyObserver(sp)));
        if (configuration.GetSection(Monitoring.Events.EventsOptions.Section).Get<Monitoring.Events.EventsOptions>()?.ServiceBus.Configured == true)
        {
            services.AddHostedService<TradeEventPublisherService>();
        }
        services.TryAddSingleton<IMarketDataSource>(sp => new MarketDataRouter(CreateSource(sp), sp.GetRequiredService<VenueRegistry>()));

        // Domain
        services.AddSingleton<IPriceSource, CandlePriceSource>();
        // The router also quotes (arbitrage reads both legs' prices from the exchanges that would fill them).
        services.AddSingleton(sp => new ExchangeRouter(
            new PaperExchange(sp.GetRequiredService<IPriceSource>(), sp.GetRequiredService<IOptions<PaperExchangeOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IPaperOrderLedger>(), Imitation(sp)),
            sp.GetRequiredService<VenueRegistry>(), sp.GetRequiredService<IOptions<TradingOptions>>().Value.IsLive));
        services.TryAddSingleton<IExchange>(sp => sp.GetRequiredService<ExchangeRouter>());
        services.AddLyraAi(configuration);
        services.AddLyraNotifications(configuration);
        services.AddOptions<Monitoring.Reports.DailyReportOptions>().Bind(configuration.GetSection(Monitoring.Reports.DailyReportOptions.Section));
        // Always drained: with no route a notification is finished at once (kept as the record of what there was to tell).
        services.AddHostedService<NotificationDispatcherService>();

        // Settings that may change at run time (POST /api/config/update): kept in storage, laid over configuration.
        services.AddLyraRuntimeSettings();
        services.AddRuntimeSection<RiskLimits>("Lyra:Risk");
        services.AddRuntimeSection<StrategyOptions>(StrategyOptions.Section);
        services.AddRuntimeSection<Ai.Consensus.ConsensusOptions>(Ai.Consensus.ConsensusOptions.Section);

        // Application services
        services.AddSingleton<MarketDataCollector>();
        services.AddSingleton<SignalGenerator>();
        services.AddSingleton<PortfolioValuation>();
        services.AddSingleton<RiskAssessor>();
        services.AddSingleton<VoteContextBuilder>();
        services.AddSingleton<PanelPlanner>();
        services.AddSingleton<DecisionEvents>();
        services.AddSingleton<StopChecker>();
        services.AddSingleton<PositionMonitors>();
        services.AddSingleton<IHealthProbe, MarketDataHealthProbe>();
        services.AddSingleton<IHealthProbe>(sp => new ExchangeHealthProbe(sp.GetRequiredService<IExchange>(), sp.GetRequiredService<IOrderStore>(),
            () => sp.GetRequiredService<IOptions<CollectOptions>>().Value.Markets));
        services.AddSingleton<AlertMonitor>();
        services.AddSingleton<VenueReconciliation>();
        services.AddSingleton<VenueReconciler>();
        if (configuration.GetValue<string>(TradingOptions.Section + ":Exchange") == "live")
        {
            services.AddHostedService<VenueReconcilerService>();
            // Live: one probe per venue as well, each timing a real call to its venue.
            foreach (var venue in ExchangesServiceCollectionExtensions.EnabledVenues(configuration))
            {
                services.AddSingleton<IHealthProbe>(sp => new ExchangeHealthProbe(sp.GetRequiredService<VenueRegistry>().Exchange(venue)!, sp.GetRequiredService<IOrderStore>(),
                    () => [.. sp.GetRequiredService<IOptions<CollectOptions>>().Value.Markets.Where(m => m.StartsWith(venue + ":", StringComparison.OrdinalIgnoreCase))],
                    "exchange:" + venue));
            }
        }

        services.AddSingleton<IHealthProbe>(sp => ActivatorUtilities.CreateInstance<VotersHealthProbe>(sp,
            (Func<IReadOnlyList<string>>)(() => sp.GetRequiredService<IOptions<TradingOptions>>().Value.Voters)));

        // Durable: the orchestrator has no dependencies; activities are resolved per call.
        services.AddTransient<TradeFlowOrchestrator>();
        services.AddTransient<PositionMonitorOrchestrator>();
        services.AddTransient<GridOrchestrator>();
        services.AddTransient<ArbitrageOrchestrator>();
        services.AddTransient<QuoteLegsActivity>();
        services.AddTransient<CheckStopsActivity>();
        services.AddTransient<GatherContextActivity>();
        services.AddTransient<AskVoterActivity>();
        services.AddTransient<EvaluateRiskActivity>();
        services.AddTransient<PlaceOrderActivity>();
        services.AddTransient<TrackOrderActivity>();
        services.AddTransient<CancelOrderActivity>();
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
        [TaskNames.TrackOrder] = typeof(TrackOrderActivity),
        [TaskNames.CancelOrder] = typeof(CancelOrderActivity),
        [TaskNames.RecordFill] = typeof(RecordFillActivity),
        [TaskNames.RecordDecision] = typeof(RecordDecisionActivity),
        [TaskNames.CheckStops] = typeof(CheckStopsActivity),
        [TaskNames.QuoteLegs] = typeof(QuoteLegsActivity),
    };

    /// <summary>The orchestrator classes by name, so each host registers the same set.</summary>
    public static IReadOnlyDictionary<string, Type> OrchestratorTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [TaskNames.TradeFlow] = typeof(TradeFlowOrchestrator),
        [TaskNames.PositionMonitor] = typeof(PositionMonitorOrchestrator),
        [TaskNames.Grid] = typeof(GridOrchestrator),
        [TaskNames.Arbitrage] = typeof(ArbitrageOrchestrator),
    };

    /// <summary>Registers the orchestrations and their activities under their task names on a Microsoft.DurableTask worker registry.</summary>
    public static void AddTradeFlow(this Microsoft.DurableTask.DurableTaskRegistry registry)
    {
        foreach (var (name, type) in OrchestratorTypes) registry.AddOrchestrator(name, type);
        foreach (var (name, type) in ActivityTypes) registry.AddActivity(name, type);
    }

    // Fills, cancellations and positions reach people through the notification outbox when a route could take them.
    private static Func<Monitoring.Events.TradeEvent, CancellationToken, Task>? NotifyObserver(IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<Notifications.NotificationOptions>>().Value;
        if (!o.Routes.Any(r => r.MinSeverity == "info" && (r.Kinds.Count == 0 || r.Kinds.Intersect(Notifications.Delivery.EventNotifications.Types).Any()))) return null;
        var outbox = sp.GetRequiredService<Notifications.Delivery.INotificationOutbox>();
        return (e, ct) => Notifications.Delivery.EventNotifications.From(e.Id, e.Type, e.MarketKey, e.Time, e.Data) is { } n ? outbox.AddAsync(n, cancellationToken: ct) : Task.CompletedTask;
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => (IValidateOptions<T>)(object)sp.GetRequiredService<LyraOptionsValidator>());
    }

    private static VenueImitation? Imitation(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<PaperExchangeOptions>>().Value.Imitate is { Length: > 0 } venue && sp.GetRequiredService<VenueRegistry>().Client(venue) is { } client
            ? new VenueImitation(client)
            : null;

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
