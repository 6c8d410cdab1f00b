using Lyra.Api.Ai;
using Lyra.Api.Decisions;
using Lyra.Api.Exchanges;
using Lyra.Api.Health;
using Lyra.Api.Portfolio;
using Lyra.Api.Risk;
using Lyra.Api.Routing;
using Lyra.Api.Strategies;
using Lyra.Api.Trading;
using Lyra.Security.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Api;

/// <summary>Registers the API handlers (one per area) and the dispatcher both hosts call.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds the HTTP API.</summary>
    public static IServiceCollection AddLyraApi(this IServiceCollection services)
    {
        services.AddSingleton<IApiHandler, HealthApi>();
        services.AddSingleton<IApiHandler, TradingApi>();
        services.AddSingleton<IApiHandler, DecisionsApi>();
        services.AddSingleton<IApiHandler, PortfolioApi>();
        services.AddSingleton<IApiHandler, RiskApi>();
        services.AddSingleton<IApiHandler, StrategiesApi>();
        services.AddSingleton<IApiHandler, StrategyManagementApi>();
        services.AddSingleton<Monitoring.LiveAnalytics>();
        services.AddSingleton<Health.StatusReporter>();
        services.AddSingleton<Ai.PanelConsultation>();
        services.AddSingleton<Testing.SelfTest>();
        services.AddSingleton<Testing.HostPerformance>();
        services.AddSingleton<Monitoring.DailyReportWriter>();
        services.AddSingleton<IApiHandler, Monitoring.ReportsApi>();
        services.AddSingleton<IApiHandler, AiApi>();
        services.AddSingleton<IApiHandler, ExchangesApi>();
        services.AddSingleton<IApiHandler, Data.DataApi>();
        services.AddSingleton<IApiHandler, Security.SecurityApi>();
        services.AddSingleton<IApiHandler, Config.ConfigApi>();
        services.AddSingleton<Config.SettingsValidation>();
        services.AddSingleton<Testing.Preflight>();
        services.AddSingleton<IApiHandler, Testing.TestingApi>();
        services.AddSingleton<IApiHandler, Monitoring.MonitoringApi>();
        services.AddSingleton<IApiHandler, Monitoring.MetricsApi>();
        services.AddSingleton<IApiHandler, Notifications.NotificationsApi>();
        services.AddSingleton<Lyra.Monitoring.Metrics.RuntimeMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<Lyra.Monitoring.Metrics.RuntimeMetrics>());
        services.AddSingleton<ApiDispatcher>();
        services.AddLyraAudit();
        return services;
    }
}
