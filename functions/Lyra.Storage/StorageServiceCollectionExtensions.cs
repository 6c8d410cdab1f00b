using Lyra.Ai.Costs;
using Lyra.Ai.OpenRouter;
using Lyra.Ai.Performance;
using Lyra.Core.Health;
using Lyra.Core.Idempotency;
using Lyra.Core.Journals;
using Lyra.Core.Messaging;
using Lyra.Data.Candles;
using Lyra.Data.Updates;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Monitoring.Alerts;
using Lyra.Risk.KillSwitch;
using Lyra.Risk.Portfolio;
using Lyra.Storage.Ai;
using Lyra.Storage.Alerts;
using Lyra.Storage.Candles;
using Lyra.Storage.Claims;
using Lyra.Storage.Configuration;
using Lyra.Storage.Health;
using Lyra.Storage.Journals;
using Lyra.Storage.Messaging;
using Lyra.Storage.Orders;
using Lyra.Storage.Paper;
using Lyra.Storage.Portfolio;
using Lyra.Storage.Queues;
using Lyra.Storage.Settings;
using Lyra.Storage.Signals;
using Lyra.Storage.Tables;
using Lyra.Strategies.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Storage;

/// <summary>Registers the Azure Storage adapters behind the modules' store interfaces.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds every store and queue of Lyra over Azure Storage: from <c>Lyra:Storage:ConnectionString</c>, else
    /// <c>AzureWebJobsStorage</c> (a connection string, or <c>__accountName</c> with managed identity).
    /// </summary>
    public static IServiceCollection AddLyraStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => StorageClients.Tables(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => StorageClients.Queues(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new TableProvider(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));

        services.AddSingleton<Lyra.Monitoring.Reports.IReportStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new Reports.BlobReportStore(StorageClients.Blobs(configuration, o), o.TablePrefix);
        });
        services.AddSingleton<ICandleStore, CandleTableStore>();
        services.AddSingleton<ISignalStore, SignalTableStore>();
        services.AddSingleton<Lyra.Strategies.Management.IStrategyAssignmentStore, StrategyAssignmentTableStore>();
        services.AddSingleton(typeof(IJournalStore<>), typeof(JournalTableStore<>));
        services.AddSingleton<IOrderStore, OrderTableStore>();
        services.AddSingleton<IPaperOrderLedger, PaperOrderLedgerTableStore>();
        services.AddSingleton<IOrderIntentStore, OrderIntentTableStore>();
        services.AddSingleton<IPortfolioStore, PortfolioTableStore>();
        services.AddSingleton<ITradingStateStore, TradingStateTableStore>();
        services.AddSingleton<Lyra.Core.Options.IRuntimeSettingsStore, RuntimeSettingsTableStore>();
        services.AddSingleton<Lyra.Notifications.Delivery.INotificationOutbox, Notifications.NotificationOutboxTableStore>();
        services.AddSingleton<AlertTableStore>();
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<AlertTableStore>());
        services.AddSingleton<Lyra.Notifications.Delivery.IAlertAcknowledgements>(sp => sp.GetRequiredService<AlertTableStore>());
        services.AddSingleton<Lyra.Monitoring.Events.IEventOutbox, Events.EventOutboxTableStore>();
        services.AddSingleton<IRejectedMessageStore, RejectedMessageTableStore>();
        services.AddSingleton<IClaimStore, ClaimTableStore>();
        services.AddSingleton<ICostLedger, CostLedgerTableStore>();
        services.AddSingleton<ILlmResponseCache, LlmResponseCacheTableStore>();
        services.AddSingleton<IVoterPerformanceStore, VoterPerformanceTableStore>();
        services.AddSingleton<LyraQueues>();
        services.AddSingleton<IMarketUpdatePublisher, QueueMarketUpdatePublisher>();
        services.AddSingleton<IHealthProbe, StorageHealthProbe>();
        return services;
    }
}
