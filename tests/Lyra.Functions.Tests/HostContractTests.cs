using Lyra.Cli.Hosting;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lyra.Functions.Tests;

/// <summary>What one host exposes, the other exposes too: HTTP routes, the timer's schedule setting, the queue, orchestrations and activities.</summary>
public sealed class HostContractTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<FunctionMetadata.Function> Functions = FunctionMetadata.Load();
    private WebApplication _local = null!;

    public async Task InitializeAsync()
    {
        var name = Azurite.UniqueName("c");
        _local = LocalHost.Build(new LocalHostSettings
        {
            StorageConnectionString = await Azurite.GetConnectionStringAsync(),
            Access = Lyra.Security.Access.ApiKeyAccessControl.NoAuth,
            Port = 0,
            TaskHub = name,
            Overrides = new Dictionary<string, string?> { ["Lyra:Storage:TablePrefix"] = name },
        });
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public void Http_routes_and_verbs_are_the_same_in_both_hosts()
    {
        var functions = Functions.Where(f => f.Trigger.Type == "httpTrigger")
            .SelectMany(f => f.Trigger.Raw.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} {Rooted(f.Trigger.Get("route")!)}"))
            .Order(StringComparer.Ordinal).ToList();
        var local = ((IEndpointRouteBuilder)_local).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.Replace("{**", "{*", StringComparison.Ordinal)}"))
            .Where(r => r != "GET " + LocalTelemetry.PrometheusPath) // the Prometheus scrape is the local host's own (Azure Monitor takes the metrics in Azure)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(functions, local);
    }

    // host.json's route prefix is empty: a function's route is its path.
    private static string Rooted(string route) => route.StartsWith('/') ? route : "/" + route;

    [Fact]
    public void The_collector_runs_on_the_same_schedule_setting_in_both_hosts()
    {
        var timer = Functions.Single(f => f.Trigger.Type == "timerTrigger" && f.Name == CollectorScheduler.FunctionName);
        Assert.Equal($"%{CollectorScheduler.ScheduleSetting}%", timer.Trigger.Get("schedule"));
        Assert.Contains(_local.Services.GetServices<IHostedService>(), s => s is CollectorScheduler);
    }

    [Fact]
    public void The_alert_checks_run_every_minute_in_both_hosts()
    {
        var timer = Functions.Single(f => f.Trigger.Type == "timerTrigger" && f.Name == AlertMonitorService.FunctionName);
        Assert.Equal("0 * * * * *", timer.Trigger.Get("schedule"));
        Assert.Equal(TimeSpan.FromMinutes(1), AlertMonitorService.Interval);
        Assert.Contains(_local.Services.GetServices<IHostedService>(), s => s is AlertMonitorService);
    }

    [Fact]
    public void The_daily_report_is_written_at_five_past_midnight_utc_in_both_hosts()
    {
        var timer = Functions.Single(f => f.Trigger.Type == "timerTrigger" && f.Name == DailyReportService.FunctionName);
        Assert.Equal("0 5 0 * * *", timer.Trigger.Get("schedule"));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 5, 0, TimeSpan.Zero), DailyReportService.Next(new DateTimeOffset(2026, 12, 4, 0, 5, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 0, 5, 0, TimeSpan.Zero), DailyReportService.Next(new DateTimeOffset(2026, 12, 4, 0, 4, 59, TimeSpan.Zero)));
        Assert.Contains(_local.Services.GetServices<IHostedService>(), s => s is DailyReportService);
    }

    [Fact]
    public void Both_hosts_listen_to_the_same_queue()
    {
        var queue = Functions.Single(f => f.Trigger.Type == "queueTrigger");
        Assert.Equal(MarketUpdateListener.FunctionName, queue.Name);
        Assert.Equal(MarketUpdateListener.QueueName, queue.Trigger.Get("queueName"));
        Assert.Contains(_local.Services.GetServices<IHostedService>(), s => s is MarketUpdateListener);
    }

    [Fact]
    public void Both_hosts_register_the_same_orchestrations_and_activities()
    {
        var engine = _local.Services.GetRequiredService<DurableTaskCoreEngine>();
        Assert.Equal(Functions.Where(f => f.Trigger.Type == "orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal), engine.Orchestrations.Order(StringComparer.Ordinal));
        Assert.Equal(Functions.Where(f => f.Trigger.Type == "activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal), engine.Activities.Order(StringComparer.Ordinal));
        Assert.Equal(TaskNames.Activities.Order(StringComparer.Ordinal), engine.Activities.Order(StringComparer.Ordinal));
    }
}
