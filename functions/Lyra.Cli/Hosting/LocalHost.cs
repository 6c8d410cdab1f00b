using System.Net;
using Lyra.Cli.Terminal;
using Lyra.Data.Sources;
using Lyra.Api;
using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Hosting;
using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Lyra.Workflows.Orchestration;
using Lyra.Web;
using Lyra.Web.Dashboard;
using Lyra.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Lyra.Security.Configuration;
using Lyra.Security.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Hosting;

/// <summary>
/// Builds <c>lyra run</c>'s host: the same Lyra registration as the Functions app, the DurableTask.Core engine,
/// the queue listener, the collector schedule and the HTTP API on Kestrel at 127.0.0.1.
/// Configuration: <c>lyra.json</c> in the working directory, then environment variables (<c>Lyra__...</c>), then the
/// vault's secrets, then overrides.
/// </summary>
public static class LocalHost
{
    /// <summary>Builds (does not start) the host.</summary>
    public static WebApplication Build(LocalHostSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory(), EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "lyra.json"), optional: true)
            .AddEnvironmentVariables();
        var reads = new Lyra.Security.Audit.SecretReads();
        builder.Services.AddSingleton(reads);
        if (settings.Vault is not null)
        {
            builder.Configuration.AddLyraVault(settings.Vault, reads);
            builder.Services.AddSingleton<ISecretVault>(settings.Vault);
        }

        builder.Configuration
            .AddInMemoryCollection(settings.Overrides)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lyra:Storage:ConnectionString"] = settings.StorageConnectionString });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Logging.ClearProviders();
        if (settings.LogLine is { } line) builder.Logging.AddProvider(new LineLoggerProvider(line, TimeProvider.System));
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        // The engine's own log: with --verbose its warnings; otherwise only critical errors. Cancelled durable timers
        // (voter deadlines) still fire after their flow completed and are discarded with a warning each, and a storage
        // outage would print a stack trace per retry: the storage watchdog reports that in one line instead.
        builder.Logging.AddFilter("DurableTask", settings.LogLevel > LogLevel.Information ? LogLevel.Critical : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        if (settings.Clock is not null) builder.Services.AddSingleton<TimeProvider>(settings.Clock);
        if (settings.Source is not null) builder.Services.AddSingleton<IMarketDataSource>(settings.Source);
        settings.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddLyraWorkflows(builder.Configuration, HostInfo.Local);
        builder.Services.AddLyraStorage(builder.Configuration);
        builder.Services.AddLyraApi();
        builder.Services.AddLyraWeb();
        builder.Services.AddSingleton(settings.Access);
        LocalTelemetry.Add(builder);
        builder.Services.AddSingleton(sp => new DurableTaskCoreEngine(sp, settings.StorageConnectionString, settings.TaskHub, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableTaskCoreEngine>());
        builder.Services.AddSingleton<TaskHubTradeFlowClient>();
        builder.Services.AddSingleton<ITradeFlowClient>(sp => sp.GetRequiredService<TaskHubTradeFlowClient>());
        builder.Services.AddSingleton<MarketUpdateListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketUpdateListener>());
        if (settings.ScheduleCollector)
        {
            builder.Services.AddSingleton<CollectorScheduler>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CollectorScheduler>());
            // Alerts compare with the wall clock: a replay (whose clock races) does not check them.
            builder.Services.AddHostedService<AlertMonitorService>();
            builder.Services.AddHostedService<DailyReportService>();
        }

        var app = builder.Build();
        // Every setting is checked before the routes resolve their handlers (which read options): a bad configuration is
        // reported whole, not one failing section at a time.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var api = app.Services.GetRequiredService<ApiDispatcher>();
        var flows = app.Services.GetRequiredService<ITradeFlowClient>();
        foreach (var route in ApiRoutes.All)
        {
            app.MapMethods("/api/" + route.Template, [route.Method], (HttpContext ctx) =>
                api.HandleAsync(route, ctx, flows, ctx.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null))
                .WithName(route.Name);
        }

        // The dashboard and its live stream (the stream asks like any read route).
        app.MapGet(WebRoutes.Dashboard, (HttpContext ctx) => DashboardEndpoint.ServeAsync(ctx, null));
        app.MapGet("/" + WebRoutes.AssetPrefix + "{**asset}", (HttpContext ctx, string asset) => DashboardEndpoint.ServeAsync(ctx, asset));
        var live = app.Services.GetRequiredService<LiveEvents>();
        app.MapGet("/" + WebRoutes.Events, (HttpContext ctx) => live.StreamAsync(ctx, TimeSpan.FromHours(1)));

        if (LocalTelemetry.PrometheusEnabled(app.Configuration))
        {
            // The scrape asks like any read route (Prometheus sends the key as `authorization: credentials: <key>`).
            var access = app.Services.GetRequiredService<Lyra.Security.Access.IAccessControl>();
            var time = app.Services.GetRequiredService<TimeProvider>();
            app.Use(async (ctx, next) =>
            {
                if (ctx.Request.Path.Equals(LocalTelemetry.PrometheusPath, StringComparison.OrdinalIgnoreCase)
                    && access.Check(Lyra.Security.Access.ApiAccess.Read, ctx.Request) is { Allowed: false } refused)
                {
                    await ApiResult.Error(refused.Status, refused.Code!, refused.Reason!, "monitoring", time.GetUtcNow()).WriteAsync(ctx.Response);
                    return;
                }

                await next(ctx);
            });
            app.MapPrometheusScrapingEndpoint(LocalTelemetry.PrometheusPath);
        }

        // Unknown routes get the error envelope too.
        app.MapFallback((HttpContext ctx) => ApiResult.Error(StatusCodes.Status404NotFound, Core.Errors.ErrorCodes.NotFound,
            $"no route {ctx.Request.Method} {ctx.Request.Path}", "web", app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).WriteAsync(ctx.Response));
        return app;
    }
}
