using Lyra.Security.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DurableTask.Core;
using Lyra.Ai.Voting;
using Lyra.Cli.Hosting;
using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Testing;
using Lyra.Data.Updates;
using Lyra.Storage.Queues;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Data.Candles;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Core.Messaging;
using Lyra.Risk.Portfolio;
using Lyra.Testing.Voters;

namespace Lyra.Cli.Tests;

/// <summary>The local host as a user runs it: HTTP over Kestrel, TradeFlow on DurableTask.Core + Azure Storage (Azurite), the queue listener.</summary>
public sealed class LocalHostTests
{
    [Fact]
    public async Task Serves_the_api_envelope_over_http_on_loopback()
    {
        await using var host = await RunningHost.StartAsync();
        Assert.Equal("127.0.0.1", host.Http.BaseAddress!.Host);
        using var health = await host.Http.GetAsync("/api/health");
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("success", body.GetProperty("status").GetString());
        var durable = body.GetProperty("data").GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("module").GetString() == "durable");
        Assert.Equal("healthy", durable.GetProperty("status").GetString());
        Assert.Contains("DurableTask.Core", durable.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var bad = await host.Http.PostAsync("/api/trading/stop", new StringContent("{\"reason\": 5}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("reason", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details").GetProperty("field").GetString());

        using var missing = await host.Http.GetAsync("/api/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());

        using var status = await host.Http.GetAsync("/api/status");
        var s = (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("local", s.GetProperty("host").GetString());
        Assert.Equal("paper", s.GetProperty("exchange").GetString());
    }

    [Fact]
    public async Task Trade_flow_runs_on_durable_task_core_over_azure_storage()
    {
        await using var host = await RunningHost.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2" });
        var market = Market.Parse("replay:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(0, 60).Select(i => 200m + i).ToList());
        await host.Get<ICandleStore>().UpsertAsync(market, candles);
        var signal = new Strategies.Signals.Signal("sma-cross", market.Key, candles[^1].OpenTime, TradeAction.Buy, candles[^1].Close, "test");
        var flows = host.Get<TaskHubTradeFlowClient>();

        Assert.True(await flows.StartTradeFlowAsync(TradeFlowInput.From(signal)));
        Assert.False(await flows.StartTradeFlowAsync(TradeFlowInput.From(signal)));
        var engine = host.Get<DurableTaskCoreEngine>();
        var state = await engine.Client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = signal.Id }, TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var journal = await host.Get<IJournalStore<DecisionJournal>>().GetAsync(signal.Id);
        // The input crossed DurableTask.Core's Newtonsoft serializer and the shim's System.Text.Json intact.
        Assert.Equal(TradeFlowInput.From(signal), journal!.Signal);
        Assert.Equal(DecisionStatus.Executed, journal.Status);
        Assert.Single(await host.Get<IOrderStore>().ListAsync(null, 10));

        using var response = await host.Http.GetAsync($"/api/decisions/{signal.Id}");
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("executed", data.GetProperty("status").GetString());
        Assert.Equal(2, data.GetProperty("votes").GetArrayLength());
    }

    [Fact]
    public async Task Approval_over_http_resumes_a_waiting_flow_on_durable_task_core()
    {
        await using var host = await RunningHost.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2", ["Lyra:Trading:ApprovalNotional"] = "50" });
        var market = Market.Parse("replay:BTCUSDT:1m");
        var candles = TestCandles.FromCloses(Enumerable.Range(0, 60).Select(i => 200m + i).ToList());
        await host.Get<ICandleStore>().UpsertAsync(market, candles);
        var signal = new Strategies.Signals.Signal("sma-cross", market.Key, candles[^1].OpenTime, TradeAction.Buy, candles[^1].Close, "test");
        Assert.True(await host.Get<TaskHubTradeFlowClient>().StartTradeFlowAsync(TradeFlowInput.From(signal)));
        await Eventually.UntilAsync(async () => (await host.Get<IJournalStore<DecisionJournal>>().GetAsync(signal.Id))?.Status == DecisionStatus.AwaitingApproval,
            TimeSpan.FromSeconds(30), "the flow to wait for approval");

        using var approve = await host.Http.PostAsync($"/api/decisions/{signal.Id}/approve", new StringContent("{\"by\":\"carol\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var state = await host.Get<DurableTaskCoreEngine>().Client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = signal.Id }, TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var journal = await host.Get<IJournalStore<DecisionJournal>>().GetAsync(signal.Id);
        Assert.Equal((DecisionStatus.Executed, "carol"), (journal!.Status, journal.Approval!.By));
    }

    [Fact]
    public async Task The_listener_records_malformed_messages_and_moves_repeatedly_failing_ones_to_poison()
    {
        await using var host = await RunningHost.StartAsync();
        var queues = host.Get<LyraQueues>();
        await queues.MarketUpdates.SendMessageAsync("{\"market\":\"nonsense\"}");
        await Eventually.UntilAsync(async () => (await host.Get<IRejectedMessageStore>().ListAsync(QueueNames.MarketUpdates, 10)).Count == 1, TimeSpan.FromSeconds(20), "the malformed message to be recorded");
        var rejected = Assert.Single(await host.Get<IRejectedMessageStore>().ListAsync(QueueNames.MarketUpdates, 10));
        Assert.StartsWith("market", rejected.Reason, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => (await queues.MarketUpdates.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, TimeSpan.FromSeconds(20), "the queue to drain");
    }

    [Fact]
    public async Task A_message_already_delivered_five_times_goes_to_the_poison_queue()
    {
        var name = Azurite.UniqueName("p");
        var conn = await Azurite.GetConnectionStringAsync();
        var service = new Azure.Storage.Queues.QueueServiceClient(conn, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var queue = service.GetQueueClient(name + "-" + QueueNames.MarketUpdates);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"poison\":true}");
        // Five failed deliveries, as five crashed handlers would leave it.
        for (var i = 0; i < QueueNames.MaxDequeueCount; i++)
        {
            var m = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value;
            Assert.Single(m);
            await Eventually.UntilAsync(async () => (await queue.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(5), "the message to be visible again");
        }

        var app = LocalHost.Build(new LocalHostSettings
        {
            StorageConnectionString = conn, Port = 0, TaskHub = name, ScheduleCollector = false, Access = ApiKeyAccessControl.NoAuth,
            Overrides = new Dictionary<string, string?> { ["Lyra:Storage:TablePrefix"] = name, ["Lyra:Storage:QueuePrefix"] = name + "-", ["Lyra:MarketData:Source"] = "replay" },
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
        });
        await app.StartAsync();
        try
        {
            var poison = service.GetQueueClient(name + "-" + QueueNames.MarketUpdatesPoison);
            await Eventually.UntilAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(20), "the poison queue to receive the message");
            Assert.Equal("{\"poison\":true}", (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
            Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_position_monitor_keeps_its_stop_across_continue_as_new_and_exits_on_durable_task_core()
    {
        await using var host = await RunningHost.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("f1", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("f2", 0.9)); },
            new Dictionary<string, string?>
            {
                ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2",
                ["Lyra:Risk:Stops:Method"] = "fixed", ["Lyra:Risk:Stops:StopPercent"] = "2", ["Lyra:Risk:Stops:TakeProfitR"] = "0",
            });
        var market = Market.Parse("replay:BTCUSDT:1m");
        var closes = Enumerable.Range(0, 60).Select(i => 200m + i).ToList();
        await host.Get<ICandleStore>().UpsertAsync(market, TestCandles.FromCloses(closes));
        var signal = new Strategies.Signals.Signal("sma-cross", market.Key, TestCandles.FromCloses(closes)[^1].OpenTime, TradeAction.Buy, closes[^1], "test");
        var flows = host.Get<TaskHubTradeFlowClient>();
        var engine = host.Get<DurableTaskCoreEngine>();
        Assert.True(await flows.StartTradeFlowAsync(TradeFlowInput.From(signal)));
        await engine.Client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = signal.Id }, TimeSpan.FromSeconds(60));

        // Three rising candles, one tick each: the monitor continues as new after every check and its stop trails up.
        var monitors = host.Get<Workflows.Application.PositionMonitors>();
        string? id = null;
        foreach (var next in new[] { 262m, 266m, 270m })
        {
            closes.Add(next);
            var all = TestCandles.FromCloses(closes);
            await host.Get<ICandleStore>().UpsertAsync(market, all);
            id = await monitors.NotifyAsync(market.Key, all[^1].OpenTime, flows);
            await Eventually.UntilAsync(async () => (await host.Get<IPortfolioStore>().GetAsync()).Position(market.Key).MonitorSeen >= all[^1].OpenTime,
                TimeSpan.FromSeconds(60), "the monitor to check the new candle");
        }

        var trailed = (await host.Get<IPortfolioStore>().GetAsync()).Position(market.Key).Stops!;
        Assert.True(trailed.Stop > trailed.InitialStop);

        closes.Add(250m);
        var crash = TestCandles.FromCloses(closes);
        await host.Get<ICandleStore>().UpsertAsync(market, crash);
        Assert.Equal(id, await monitors.NotifyAsync(market.Key, crash[^1].OpenTime, flows));
        var state = await engine.Client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = id }, TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(0m, (await host.Get<IPortfolioStore>().GetAsync()).Position(market.Key).Quantity);
        Assert.Single(await host.Get<IOrderStore>().ListAsync(null, 10), o => o.Side == TradeAction.Sell);
        var exits = (await host.Get<IJournalStore<DecisionJournal>>().ListAsync(new JournalQuery(market.Key, Limit: 10))).Where(d => d.Signal.Strategy == "risk:trailing_stop").ToList();
        Assert.Single(exits);
    }
}
