using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Strategies.Strategies;
using Lyra.Testing;
using Lyra.Workflows.Application;
using Lyra.Data.Updates;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing.Voters;
using Lyra.Exchanges.Orders;
using Lyra.Strategies.Signals;
using Lyra.Core.Messaging;
using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Tests;

/// <summary>The GenerateSignals work: strategy on stored candles, signals, idempotent TradeFlow starts, poison handling.</summary>
public sealed class SignalGeneratorTests
{
    private static IReadOnlyList<decimal> CrossAtLastBar() => TestCandles.SmaCrossAtLastBar();

    private static Task<FlowHarness> StartAsync() => FlowHarness.StartAsync(
        s => { s.AddSingleton<IVoter>(new ScriptedVoter("a", TradeAction.Buy, 0.9)); s.AddSingleton<IVoter>(new ScriptedVoter("b", TradeAction.Buy, 0.9)); },
        new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b" });

    [Fact]
    public async Task A_market_update_that_ends_on_a_cross_stores_a_signal_and_starts_its_flow()
    {
        await using var h = await StartAsync();
        var candles = await h.SeedAsync(CrossAtLastBar());
        var message = new MarketUpdate(FlowHarness.Btc.Key, candles[^1].OpenTime, candles[^1].OpenTime, 1).ToJson();

        var result = await h.Get<SignalGenerator>().HandleAsync(message, "m1", h.Flows);

        Assert.Equal(new SignalBatchResult(1, 1, 1), result);
        var signal = Assert.Single(await h.Get<ISignalStore>().ListAsync(null, 10));
        Assert.Equal((TradeAction.Buy, candles[^1].OpenTime, candles[^1].Close), (signal.Action, signal.CandleTime, signal.Price));
        Assert.Equal(Core.Trading.TradeAction.Buy, signal.Action);
        await h.WaitAsync(signal.Id);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task The_same_message_delivered_four_times_at_once_runs_one_flow_and_one_order()
    {
        await using var h = await StartAsync();
        var candles = await h.SeedAsync(CrossAtLastBar());
        var message = new MarketUpdate(FlowHarness.Btc.Key, candles[^1].OpenTime, candles[^1].OpenTime, 1).ToJson();
        var generator = h.Get<SignalGenerator>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => generator.HandleAsync(message, "m" + i, h.Flows))));

        Assert.Equal(1, results.Sum(r => r.FlowsStarted));
        var signal = Assert.Single(await h.Get<ISignalStore>().ListAsync(null, 10));
        await h.WaitAsync(signal.Id);
        var again = await generator.HandleAsync(message, "m5", h.Flows);
        Assert.Equal(0, again.FlowsStarted);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task A_backfill_update_only_evaluates_the_newest_bars()
    {
        await using var h = await StartAsync();
        var closes = CrossAtLastBar();
        // Stored history that ends five bars after the cross: the cross is too old to trade.
        var candles = await h.SeedAsync(closes.Concat(Enumerable.Range(1, 6).Select(i => closes[^1] + (i * 0.5m))).ToList());
        var message = new MarketUpdate(FlowHarness.Btc.Key, candles[0].OpenTime, candles[^1].OpenTime, candles.Count).ToJson();
        var result = await h.Get<SignalGenerator>().HandleAsync(message, "backfill", h.Flows);
        Assert.Equal(new SignalBatchResult(5, 0, 0), result);
    }

    [Fact]
    public async Task A_malformed_message_is_recorded_with_its_reason_and_not_retried()
    {
        // Which field each kind of malformed message names: MarketUpdateTests, without a host.
        const string body = "{\"market\":\"replay:BTCUSDT:1m\",\"from\":\"2024-01-01T00:05:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"count\":1}";
        await using var h = await StartAsync();
        var result = await h.Get<SignalGenerator>().HandleAsync(body, "bad-1", h.Flows);
        Assert.NotNull(result.Rejected);
        Assert.StartsWith("to", result.Rejected, StringComparison.Ordinal);
        var recorded = Assert.Single(await h.Get<IRejectedMessageStore>().ListAsync(QueueNames.MarketUpdates, 10));
        Assert.Equal(body, recorded.Body);
        Assert.Equal(result.Rejected, recorded.Reason);
        Assert.Empty(await h.Get<ISignalStore>().ListAsync(null, 10));
    }

    [Fact]
    public async Task A_flow_whose_first_start_fails_is_started_once_by_the_redelivery()
    {
        await using var h = await StartAsync();
        var candles = await h.SeedAsync(CrossAtLastBar());
        var message = new MarketUpdate(FlowHarness.Btc.Key, candles[^1].OpenTime, candles[^1].OpenTime, 1).ToJson();
        var generator = h.Get<SignalGenerator>();
        var engine = new FailingFirstStart(h.Flows);

        // The queue sees the failure and redelivers within seconds; the claim taken by the failed start must not block it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => generator.HandleAsync(message, "m1", engine));
        var redelivered = await generator.HandleAsync(message, "m1", engine);
        var again = await generator.HandleAsync(message, "m1", engine);

        Assert.Equal((1, 0), (redelivered.FlowsStarted, again.FlowsStarted));
        var signal = Assert.Single(await h.Get<ISignalStore>().ListAsync(null, 10));
        await h.WaitAsync(signal.Id);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.Equal(2, engine.Starts); // the third delivery finds the claim of the started flow and does not ask the engine
    }

    /// <summary>An engine whose first start call fails after the claim was taken (a storage hiccup in the start request).</summary>
    private sealed class FailingFirstStart(ITradeFlowClient inner) : ITradeFlowClient
    {
        private int _starts;

        public int Starts => _starts;

        public Task<bool> StartTradeFlowAsync(TradeFlowInput input, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _starts) == 1
                ? throw new InvalidOperationException("the task hub did not answer")
                : inner.StartTradeFlowAsync(input, cancellationToken);

        public Task EnsurePositionMonitorAsync(string instanceId, MonitorInput input, CancellationToken cancellationToken = default) =>
            inner.EnsurePositionMonitorAsync(instanceId, input, cancellationToken);

        public Task RaisePriceTickAsync(string instanceId, PriceTick tick, CancellationToken cancellationToken = default) =>
            inner.RaisePriceTickAsync(instanceId, tick, cancellationToken);

        public Task RaiseApprovalAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default) =>
            inner.RaiseApprovalAsync(instanceId, decision, cancellationToken);

        public Task<bool> StartGridAsync(GridInput input, CancellationToken cancellationToken = default) => inner.StartGridAsync(input, cancellationToken);

        public Task<bool> StartArbitrageAsync(ArbitrageInput input, CancellationToken cancellationToken = default) => inner.StartArbitrageAsync(input, cancellationToken);

        public Task StopGridAsync(string gridId, string by, CancellationToken cancellationToken = default) => inner.StopGridAsync(gridId, by, cancellationToken);

        public Task<FlowState?> GetStateAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetStateAsync(instanceId, cancellationToken);

        public Task<Lyra.Core.Health.ModuleHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => inner.CheckHealthAsync(cancellationToken);
    }
}
