using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

using Lyra.Testing.Flows;

namespace Lyra.Testing;

/// <summary>TradeFlow on the in-process durable test host, with Lyra's real services over Azurite (unique tables per harness).</summary>
public sealed class FlowHarness : IFlowEngineUnderTest
{
    public static readonly Market Btc = Market.Parse("replay:BTCUSDT:1m");

    private FlowHarness(DurableTaskTestHost host) => Host = host;

    public DurableTaskTestHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public DurableTaskTradeFlowClient Flows => new(Host.Client);

    ITradeFlowClient IFlowEngineUnderTest.Client => Flows;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<FlowHarness> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var config = await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName(), settings);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var host = await DurableTaskTestHost.StartAsync(r => r.AddTradeFlow(), new DurableTaskTestHostOptions
                {
                    ConfigureServices = s =>
                    {
                        s.AddLogging();
                        // Lyra's settings are the configuration, as in both hosts (GET /api/config/settings reads it).
                        s.AddSingleton(config);
                        configure?.Invoke(s);
                        s.AddLyraWorkflows(config, "test");
                        s.AddLyraStorage(config);
                    },
                });
                return new FlowHarness(host);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // The test host picks its gRPC port at random; another test can hold it.
            }
        }
    }

    public async Task<IReadOnlyList<Candle>> SeedAsync(IReadOnlyList<decimal> closes)
    {
        var candles = TestCandles.FromCloses(closes);
        await Get<ICandleStore>().UpsertAsync(Btc, candles);
        return candles;
    }

    public static TradeFlowInput Input(Candle candle, Core.Trading.TradeAction action, string strategy = "sma-cross")
    {
        var signal = new Strategies.Signals.Signal(strategy, Btc.Key, candle.OpenTime, action, candle.Close, "test signal");
        return TradeFlowInput.From(signal);
    }

    public async Task<TradeFlowResult> RunAsync(TradeFlowInput input)
    {
        Assert.True(await Flows.StartTradeFlowAsync(input));
        return await WaitAsync(input.SignalId);
    }

    public async Task<TradeFlowResult> WaitAsync(string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meta = await Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        return meta.ReadOutputAs<TradeFlowResult>()!;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
