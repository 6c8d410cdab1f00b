using Lyra.Api.Routing;
using Lyra.Data.Updates;
using Lyra.Workflows.Orchestration;

namespace Lyra.Functions.Tests;

/// <summary>The built Functions app exposes exactly the triggers of the design, no more, no less.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<FunctionMetadata.Function> Functions = FunctionMetadata.Load();

    [Fact]
    public void Lists_exactly_the_http_timer_queue_orchestration_and_activity_triggers()
    {
        var byTrigger = Functions.GroupBy(f => f.Trigger.Type).ToDictionary(g => g.Key, g => g.Select(f => f.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["activityTrigger", "httpTrigger", "orchestrationTrigger", "queueTrigger", "timerTrigger"], byTrigger.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Concat(["Dashboard", "DashboardAsset", "LiveEvents"]).Order(StringComparer.Ordinal), byTrigger["httpTrigger"]);
        Assert.Equal(["CheckAlerts", "CollectMarketData", "WriteDailyReport"], byTrigger["timerTrigger"]);
        Assert.Equal(["GenerateSignals"], byTrigger["queueTrigger"]);
        Assert.Equal([TaskNames.Arbitrage, TaskNames.Grid, TaskNames.PositionMonitor, TaskNames.TradeFlow], byTrigger["orchestrationTrigger"]);
        Assert.Equal(TaskNames.Activities.Order(StringComparer.Ordinal), byTrigger["activityTrigger"]);
        Assert.Equal(10, TaskNames.Activities.Count);
        Assert.Equal(ApiRoutes.All.Count + 3 + 3 + 1 + 4 + 10, Functions.Count);
        Assert.Equal(56, ApiRoutes.All.Count);
    }

    [Fact]
    public void Timer_reads_its_schedule_from_the_app_setting()
    {
        var timer = Functions.Single(f => f.Name == "CollectMarketData").Trigger;
        Assert.Equal("%Lyra:Collect:Schedule%", timer.Get("schedule"));
    }

    [Fact]
    public void Queue_trigger_listens_to_market_updates_on_the_host_storage_and_can_start_flows()
    {
        var fn = Functions.Single(f => f.Name == "GenerateSignals");
        Assert.Equal(QueueNames.MarketUpdates, fn.Trigger.Get("queueName"));
        Assert.Equal("AzureWebJobsStorage", fn.Trigger.Get("connection"));
        Assert.Contains(fn.Bindings, b => b.Type == "durableClient");
    }

    [Fact]
    public void Http_functions_have_the_routes_and_verbs_of_the_api_table_and_read_routes_need_a_function_key()
    {
        foreach (var route in ApiRoutes.All)
        {
            var trigger = Functions.Single(f => f.Name == route.Name).Trigger;
            Assert.Equal("api/" + route.Template, trigger.Get("route")); // the host's prefix is empty: the dashboard is at /
            var methods = trigger.Raw.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList();
            Assert.Equal([route.Method], methods);
            // Read routes: the Functions host checks the function key. Control routes: Lyra checks the signed-in caller's role
            // (AppServiceAccessControl), since a person signed in through App Service Authentication holds no function key.
            Assert.Equal(route.Access == Lyra.Security.Access.ApiAccess.Read ? "Function" : "Anonymous", trigger.Get("authLevel"));
        }
    }

    [Fact]
    public void The_dashboard_is_at_the_root_and_its_stream_is_a_read_route()
    {
        Assert.Equal("", System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Lyra.Testing.RepoPaths.Root, "host.json"))).RootElement
            .GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var dashboard = Functions.Single(f => f.Name == "Dashboard").Trigger;
        Assert.Equal(("/", "Anonymous"), (dashboard.Get("route"), dashboard.Get("authLevel")));
        Assert.Equal(("dashboard/{*asset}", "Anonymous"), (Functions.Single(f => f.Name == "DashboardAsset").Trigger.Get("route"), Functions.Single(f => f.Name == "DashboardAsset").Trigger.Get("authLevel")));
        var events = Functions.Single(f => f.Name == "LiveEvents").Trigger;
        Assert.Equal(("api/events", "Function"), (events.Get("route"), events.Get("authLevel")));
    }
}
