using Lyra.Ai.Voting;
using Lyra.Core.Health;
using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Strategies.Signals;
using Lyra.Testing.Voters;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Lyra.Testing.Flows;

/// <summary>
/// What every <see cref="ITradeFlowClient"/> must do. Each host's test project runs this suite against its own engine
/// (Durable Functions' client on the in-process host; DurableTask.Core on Azurite for <c>lyra run</c>).
/// </summary>
public abstract class TradeFlowClientContract
{
    /// <summary>The market the contract trades.</summary>
    protected static readonly Market Btc = Market.Parse("replay:BTCUSDT:1m");

    /// <summary>Two voters that agree with every proposal, so flows execute.</summary>
    protected static readonly Action<IServiceCollection> Voters = s =>
    {
        s.AddSingleton<IVoter>(new FollowerVoter("f1", 0.9));
        s.AddSingleton<IVoter>(new FollowerVoter("f2", 0.9));
    };

    /// <summary>Settings of the engine under test.</summary>
    protected static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var d = new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "f1", ["Lyra:Trading:Voters:1"] = "f2", ["Lyra:Risk:Stops:MonitorHeartbeatSeconds"] = "3600" };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) d[k] = v;
        return d;
    }

    /// <summary>Starts the host's engine with <see cref="Voters"/> and <paramref name="settings"/>.</summary>
    protected abstract Task<IFlowEngineUnderTest> StartAsync(IDictionary<string, string?> settings);

    private static async Task<TradeFlowInput> SignalAsync(IFlowEngineUnderTest e, TradeAction action = TradeAction.Buy)
    {
        var candles = TestCandles.FromCloses([.. Enumerable.Range(0, 80).Select(i => 100m + i)]);
        await e.Get<ICandleStore>().UpsertAsync(Btc, candles);
        return TradeFlowInput.From(new Signal("contract", Btc.Key, candles[^1].OpenTime, action, candles[^1].Close, "contract test"));
    }

    private static Task UntilAsync(IFlowEngineUnderTest e, string id, Func<DecisionJournal?, bool> done, string what) =>
        Eventually.UntilAsync(async () => done(await e.Get<IJournalStore<DecisionJournal>>().GetAsync(id)), TimeSpan.FromSeconds(60), what);

    // A monitor whose check failed (storage slow under the full test load: its activity's retries ran out) waits for the
    // next tick by design, as it would on a live market; so ticks keep coming until it ends.
    private static async Task TickUntilEndedAsync(IFlowEngineUnderTest e, string id, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            await e.Client.RaisePriceTickAsync(id, new PriceTick(DateTimeOffset.UnixEpoch));
            try
            {
                await Eventually.UntilAsync(async () => (await e.Client.GetStateAsync(id))?.Status == FlowRuntimeStatus.Completed, TimeSpan.FromSeconds(10), what);
                return;
            }
            catch (TimeoutException) when (DateTimeOffset.UtcNow < deadline)
            {
            }
        }
    }

    private static Task UntilStateAsync(IFlowEngineUnderTest e, string id, Func<FlowState?, bool> done, string what) =>
        Eventually.UntilAsync(async () => done(await e.Client.GetStateAsync(id)), TimeSpan.FromSeconds(60), what);

    [Fact]
    public async Task A_flow_starts_once_and_later_starts_of_its_id_are_refused()
    {
        await using var e = await StartAsync(Settings());
        var input = await SignalAsync(e);
        Assert.True(await e.Client.StartTradeFlowAsync(input));
        Assert.False(await e.Client.StartTradeFlowAsync(input));
        await UntilAsync(e, input.SignalId, j => j?.Status == DecisionStatus.Executed, "the flow to execute");
        await UntilStateAsync(e, input.SignalId, s => s?.Status == FlowRuntimeStatus.Completed, "the instance to complete");
        Assert.False(await e.Client.StartTradeFlowAsync(input));
        Assert.Equal(TaskNames.TradeFlow, (await e.Client.GetStateAsync(input.SignalId))!.Name);
        Assert.Single(await e.Get<Exchanges.Orders.IOrderStore>().ListAsync(Btc.Key, 10));
    }

    [Fact]
    public async Task An_unknown_instance_has_no_state_and_a_tick_to_it_is_dropped()
    {
        await using var e = await StartAsync(Settings());
        Assert.Null(await e.Client.GetStateAsync("pm-unknown"));
        await e.Client.RaisePriceTickAsync("pm-unknown", new PriceTick(DateTimeOffset.UnixEpoch));
        Assert.Null(await e.Client.GetStateAsync("pm-unknown"));
    }

    [Fact]
    public async Task A_monitor_runs_once_while_live_and_starts_afresh_after_it_ended()
    {
        await using var e = await StartAsync(Settings());
        var input = new MonitorInput(Btc.Key, "entry-that-is-not-open", 3600);
        await e.Client.EnsurePositionMonitorAsync("pm-contract", input);
        await e.Client.EnsurePositionMonitorAsync("pm-contract", input);
        await UntilStateAsync(e, "pm-contract", s => s?.IsLive == true, "the monitor to start");

        // A tick: the monitor checks, finds no such position and ends.
        await TickUntilEndedAsync(e, "pm-contract", "the monitor to end");

        await e.Client.EnsurePositionMonitorAsync("pm-contract", input);
        await UntilStateAsync(e, "pm-contract", s => s?.IsLive == true, "the monitor to start afresh");
        await TickUntilEndedAsync(e, "pm-contract", "the new monitor to end");
    }

    [Fact]
    public async Task An_approval_reaches_the_waiting_flow()
    {
        await using var e = await StartAsync(Settings(new Dictionary<string, string?> { ["Lyra:Trading:ApprovalNotional"] = "1", ["Lyra:Trading:ApprovalTimeoutSeconds"] = "600" }));
        var input = await SignalAsync(e);
        Assert.True(await e.Client.StartTradeFlowAsync(input));
        await UntilAsync(e, input.SignalId, j => j?.Status == DecisionStatus.AwaitingApproval, "the flow to wait for approval");
        await e.Client.RaiseApprovalAsync(input.SignalId, new ApprovalDecision(true, "contract", "fine"));
        await UntilAsync(e, input.SignalId, j => j?.Status == DecisionStatus.Executed, "the approved flow to execute");
        Assert.Equal("contract", (await e.Get<IJournalStore<DecisionJournal>>().GetAsync(input.SignalId))!.Approval!.By);
    }

    [Fact]
    public async Task A_cancelled_call_does_nothing()
    {
        await using var e = await StartAsync(Settings());
        var input = await SignalAsync(e);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => e.Client.StartTradeFlowAsync(input, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => e.Client.EnsurePositionMonitorAsync("pm-cancelled", new MonitorInput(Btc.Key, "x", 60), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => e.Client.GetStateAsync(input.SignalId, cts.Token));
        Assert.Null(await e.Client.GetStateAsync(input.SignalId));
        Assert.Null(await e.Client.GetStateAsync("pm-cancelled"));
    }

    [Fact]
    public async Task Health_measures_a_round_trip_to_the_engine()
    {
        await using var e = await StartAsync(Settings());
        var health = await e.Client.CheckHealthAsync();
        Assert.Equal(("durable", ModuleHealth.Healthy), (health.Module, health.Status));
        Assert.True(health.LatencyMs > 0);
    }
}
