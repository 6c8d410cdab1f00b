using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Data.Candles;
using Lyra.Core.Journals;
using Lyra.Strategies.Signals;
using Lyra.Testing;
using Lyra.Workflows.Hosting;
using Lyra.Workflows.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lyra.Benchmarks;

/// <summary>
/// The consensus step of the real TradeFlow with five LLM voters that each answer after 200 ms (loopback fake
/// OpenAI-compatible server), on the in-process durable host with Azurite stores. The voters are asked in parallel, so the
/// step should take about one voter's 200 ms, not five times it. Reported: the whole flow, and the consensus step as the
/// journal records it (printed after the run).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class ConsensusFanOutBenchmarks
{
    private FakeOpenAiServer _llm = null!;
    private DurableTaskTestHost _host = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _local = null!;
    private IReadOnlyList<Data.Candles.Candle> _candles = null!;
    private readonly List<double> _consensusMs = [];
    private readonly List<double> _localConsensusMs = [];
    private int _run;

    /// <summary>Starts Azurite, the fake LLM server and the durable host.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Default = FakeOpenAiServer.Reply.Vote("buy", 0.8) with { Delay = TimeSpan.FromMilliseconds(200) };
        // No response cache: every flow must really ask the five models.
        var settings = new Dictionary<string, string?> { ["Lyra:OpenRouter:BaseUrl"] = _llm.BaseUrl, ["Lyra:OpenRouter:ApiKeys:0"] = "sk-or-bench-0001", ["Lyra:OpenRouter:CacheMinutes"] = "0" };
        for (var i = 0; i < 5; i++)
        {
            settings[$"Lyra:OpenRouter:Models:{i}"] = $"bench/model-{i}";
            settings[$"Lyra:Trading:Voters:{i}"] = $"llm:bench/model-{i}";
        }

        var config = await TestConfiguration.ForAzuriteAsync(Azurite.UniqueName("b"), settings);
        _host = await DurableTaskTestHost.StartAsync(r => r.AddTradeFlow(), new DurableTaskTestHostOptions
        {
            ConfigureServices = s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddLyraForTests(config, "bench"),
        });
        _candles = TestCandles.FromCloses(Enumerable.Range(0, 80).Select(i => 100m + i).ToList());
        await _host.Services.GetRequiredService<ICandleStore>().UpsertAsync(Market.Parse("replay:BTCUSDT:1m"), _candles);

        // The same flow on lyra run's engine: DurableTask.Core + Azure Storage provider over Azurite.
        var name = Azurite.UniqueName("l");
        var overrides = new Dictionary<string, string?>(settings) { ["Lyra:Storage:TablePrefix"] = name, ["Lyra:Storage:QueuePrefix"] = name + "-", ["Lyra:MarketData:Source"] = "replay" };
        _local = Lyra.Cli.Hosting.LocalHost.Build(new Lyra.Cli.Hosting.LocalHostSettings
        {
            StorageConnectionString = await Azurite.GetConnectionStringAsync(), Port = 0, TaskHub = name, Overrides = overrides,
            Access = Lyra.Security.Access.ApiKeyAccessControl.NoAuth,
            ScheduleCollector = false, LogLevel = LogLevel.Error,
        });
        await _local.StartAsync();
        await _local.Services.GetRequiredService<ICandleStore>().UpsertAsync(Market.Parse("replay:BTCUSDT:1m"), _candles);
    }

    /// <summary>The same flow on DurableTask.Core + Azure Storage (the lyra run engine; Azure Functions uses the same provider).</summary>
    [Benchmark]
    public async Task<string> TradeFlowWithFiveSlowVotersOnDurableTaskCore()
    {
        var run = Interlocked.Increment(ref _run);
        var c = _candles[^1];
        var signal = new Signal("local-" + run, "replay:BTCUSDT:1m", c.OpenTime, TradeAction.Sell, c.Close, "benchmark");
        var engine = _local.Services.GetRequiredService<Lyra.Cli.Hosting.DurableTaskCoreEngine>();
        await _local.Services.GetRequiredService<Lyra.Cli.Hosting.TaskHubTradeFlowClient>().StartTradeFlowAsync(TradeFlowInput.From(signal));
        await engine.Client.WaitForOrchestrationAsync(new DurableTask.Core.OrchestrationInstance { InstanceId = signal.Id }, TimeSpan.FromSeconds(60));
        var steps = (await _local.Services.GetRequiredService<IJournalStore<DecisionJournal>>().GetAsync(signal.Id))!.Steps;
        _localConsensusMs.Add((steps.Single(s => s.Step == "consensus").At - steps.Single(s => s.Step == "context").At).TotalMilliseconds);
        return signal.Id;
    }

    /// <summary>One TradeFlow (a sell with nothing held: it ends at the risk gate, so no position carries over between runs).</summary>
    [Benchmark]
    public async Task<string> TradeFlowWithFiveSlowVoters()
    {
        var run = Interlocked.Increment(ref _run);
        var c = _candles[^1];
        var signal = new Signal("bench-" + run, "replay:BTCUSDT:1m", c.OpenTime, TradeAction.Sell, c.Close, "benchmark");
        await new DurableTaskTradeFlowClient(_host.Client).StartTradeFlowAsync(TradeFlowInput.From(signal));
        await _host.Client.WaitForInstanceCompletionAsync(signal.Id, getInputsAndOutputs: false);
        var journal = await _host.Services.GetRequiredService<IJournalStore<DecisionJournal>>().GetAsync(signal.Id);
        var steps = journal!.Steps;
        _consensusMs.Add((steps.Single(s => s.Step == "consensus").At - steps.Single(s => s.Step == "context").At).TotalMilliseconds);
        return signal.Id;
    }

    /// <summary>Prints the consensus-step times and stops everything.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (label, list) in new[] { ("in-process test host", _consensusMs), ("DurableTask.Core + Azure Storage", _localConsensusMs) })
        {
            if (list.Count == 0) continue;
            var sorted = list.Order().ToList();
            Console.WriteLine($"// consensus step on {label} (context → consensus, from the journal) over {sorted.Count} flows: " +
                $"median {sorted[sorted.Count / 2]:F0} ms, min {sorted[0]:F0} ms, max {sorted[^1]:F0} ms; five voters × 200 ms in sequence would be ≥ 1000 ms");
        }

        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _local.StopAsync().GetAwaiter().GetResult();
        _local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _llm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
