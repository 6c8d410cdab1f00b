using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Storage.Journals;
using Lyra.Storage.Tables;
using Lyra.Testing;
using Lyra.Workflows.Orchestration;

namespace Lyra.Benchmarks;

/// <summary>
/// The dashboard's decision pages over 10,000 decisions in four markets (Azurite): the newest page of all markets, a page
/// 5,000 decisions back, the approval inbox (20 waiting), one market's page, and, for comparison, reading every row (what an
/// unfiltered page cost before the per-stream listing).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class DecisionListBenchmarks
{
    private const int Count = 10_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private JournalTableStore<DecisionJournal> _store = null!;
    private TableClient _table = null!;
    private DateTimeOffset _middle;

    /// <summary>Seeds the journal (once per run: about a minute).</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var tables = new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName("dl"));
        _store = new JournalTableStore<DecisionJournal>(tables);
        var markets = new[] { "binance:BTCUSDT:1m", "binance:ETHUSDT:1m", "okx:BTC-USDT:1m", "gateio:SOL_USDT:1m" };
        var writers = markets.Select((market, m) => Task.Run(async () =>
        {
            for (var i = m; i < Count; i += markets.Length)
            {
                var at = T0.AddMinutes(i);
                var status = i % 500 == 0 ? DecisionStatus.AwaitingApproval : i % 3 == 0 ? DecisionStatus.Rejected : DecisionStatus.Executed;
                await _store.SaveAsync(new DecisionJournal
                {
                    Id = $"tf-bench-{i:00000}",
                    Signal = new TradeFlowInput($"tf-bench-{i:00000}", "sma-cross", market, at, TradeAction.Buy, 100m + (i % 50), "benchmark"),
                    Status = status,
                    StartedAt = at,
                    CompletedAt = status == DecisionStatus.AwaitingApproval ? null : at.AddSeconds(2),
                });
            }
        })).ToList();
        await Task.WhenAll(writers);
        _table = await tables.GetAsync("decisions");
        _middle = T0.AddMinutes(Count / 2);
    }

    /// <summary>The newest 50 of every market (the decisions page).</summary>
    [Benchmark]
    public async Task<int> NewestPageAllMarkets() => (await _store.ListAsync(new JournalQuery(Limit: 50))).Count;

    /// <summary>50 decisions 5,000 back (the page after pressing "older" a hundred times).</summary>
    [Benchmark]
    public async Task<int> DeepPageAllMarkets() => (await _store.ListAsync(new JournalQuery(Limit: 50, To: _middle))).Count;

    /// <summary>The approval inbox: every decision waiting for a person.</summary>
    [Benchmark]
    public async Task<int> ApprovalInbox() => (await _store.ListAsync(new JournalQuery(State: "awaiting_approval", Limit: 50))).Count;

    /// <summary>The newest 50 of one market.</summary>
    [Benchmark]
    public async Task<int> NewestPageOneMarket() => (await _store.ListAsync(new JournalQuery("binance:BTCUSDT:1m", Limit: 50))).Count;

    /// <summary>Reading every row (the cost of an unfiltered page before).</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> EveryRow()
    {
        var n = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(e => e.PartitionKey != "byid" && e.PartitionKey != "chain" && e.RowKey.CompareTo("~") < 0)) n++;
        return n;
    }
}
