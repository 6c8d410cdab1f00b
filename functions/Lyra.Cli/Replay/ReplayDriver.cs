using System.Diagnostics;
using Lyra.Cli.Hosting;
using Lyra.Data.Markets;
using Lyra.Data.Sources;
using Lyra.Core.Journals;
using Lyra.Data.Candles;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Paper;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Lyra.Risk.Portfolio;
using Lyra.Strategies.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyra.Cli.Replay;

/// <summary>
/// Drives a replay: moves the <see cref="ReplayClock"/> one candle at a time, runs the collector as its timer would,
/// and waits until the pipeline is idle (message handled, flows finished) before the next candle, so orders fill at the
/// price of their moment and the result does not depend on machine speed. <c>speed</c> caps replay time at N × real time.
/// </summary>
public sealed class ReplayDriver(IServiceProvider services, ReplayClock clock, ReplayMarketDataSource source, Market market, double speed) : IDisposable
{
    private readonly MarketDataCollector _collector = services.GetRequiredService<MarketDataCollector>();
    private readonly MarketUpdateListener _listener = services.GetRequiredService<MarketUpdateListener>();
    private readonly TaskHubTradeFlowClient _flows = services.GetRequiredService<TaskHubTradeFlowClient>();
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _recorded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recordedSignal = new(0);

    /// <summary>Runs the whole replay and returns its summary; <paramref name="progress"/> hears of every candle.</summary>
    public async Task<ReplaySummary> RunAsync(IProgress<ReplayProgress> progress, CancellationToken cancellationToken)
    {
        var events = services.GetRequiredService<DecisionEvents>();
        events.Recorded += OnRecorded;
        try
        {
            return await ReplayAsync(progress, cancellationToken);
        }
        finally
        {
            events.Recorded -= OnRecorded;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _recordedSignal.Dispose();

    // Final journals are recorded in this process (the activities run here): the replay is told instead of polling the engine.
    private void OnRecorded(DecisionJournal journal)
    {
        if (journal.Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed && _recorded.TryAdd(journal.Id, 0)) _recordedSignal.Release();
    }

    private async Task<ReplaySummary> ReplayAsync(IProgress<ReplayProgress> progress, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var tf = source.Timeframe.Duration;
        var step = speed > 0 ? TimeSpan.FromTicks((long)(tf.Ticks / speed)) : TimeSpan.Zero;
        long sent = 0;
        var total = source.Count;
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var time = source.First;
        for (var i = 0; i < total; i++)
        {
            var candleTime = i == 0 ? source.First : NextOpen(time);
            time = candleTime;
            clock.Set(candleTime + tf); // this candle has just closed
            var results = await _collector.CollectAsync(cancellationToken);
            foreach (var r in results)
            {
                if (r.Error is not null) throw new InvalidOperationException($"collecting {r.Market} failed: {r.Error}");
                if (r.NewCandles > 0) sent++;
            }

            _listener.Wake();
            await WaitIdleAsync(sent, pending, candleTime, cancellationToken);
            progress.Report(new ReplayProgress(i + 1, total, candleTime, _flows.Started.Count, sw.Elapsed));

            // Pace against the whole run, not each candle: quiet candles bank time for the ones with flows.
            var wait = (step * (i + 1)) - sw.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        }

        return await SummarizeAsync(sw.Elapsed, cancellationToken);
    }

    private DateTimeOffset NextOpen(DateTimeOffset after)
    {
        // The next candle of the source (files may have gaps, such as weekends in daily stock data).
        var next = source.GetClosedCandlesAsync(market, after, DateTimeOffset.MaxValue.AddYears(-1), 1).GetAwaiter().GetResult();
        return next.Count == 0 ? after + source.Timeframe.Duration : next[0].OpenTime;
    }

    private async Task WaitIdleAsync(long sent, HashSet<string> pending, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        await _listener.WaitHandledAsync(sent, TimeSpan.FromMinutes(2), cancellationToken);

        // Only flows not yet seen finished: asking the engine about every flow of the day on every candle is quadratic.
        foreach (var id in _flows.Started)
        {
            if (!_finished.Contains(id)) pending.Add(id);
        }

        while (pending.Count > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{pending.Count} TradeFlow instance(s) did not finish within 2 minutes");
            foreach (var id in pending.ToList())
            {
                // Its final journal is written just before it completes; the engine confirms (a flow that failed before
                // writing one is found by the engine alone, at the slower pace).
                if ((_recorded.ContainsKey(id) || deadline.Elapsed > TimeSpan.FromSeconds(5)) && await IsDoneAsync(id))
                {
                    pending.Remove(id);
                    _finished.Add(id);
                }
            }

            if (pending.Count > 0) await _recordedSignal.WaitAsync(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        // Position monitors told to exit on this candle: wait until each has sold (its position changed) or ended.
        var portfolio = services.GetRequiredService<IPortfolioStore>();
        foreach (var (id, (marketKey, entry, candle)) in _flows.TickedMonitors.Where(m => m.Value.Candle == time).ToList())
        {
            while ((await portfolio.GetAsync(cancellationToken)).Position(marketKey).EntryDecisionId == entry && await _flows.GetStateAsync(id, cancellationToken) is { IsLive: true })
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"position monitor {id} did not exit on the candle of {candle:u} within 2 minutes");
                await _recordedSignal.WaitAsync(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    private async Task<bool> IsDoneAsync(string id) => await _flows.GetStateAsync(id) is { IsLive: false };

    private async Task<ReplaySummary> SummarizeAsync(TimeSpan elapsed, CancellationToken ct)
    {
        var candles = services.GetRequiredService<ICandleStore>();
        var decisions = await services.GetRequiredService<IJournalStore<DecisionJournal>>().ListAsync(new JournalQuery(Limit: int.MaxValue), ct);
        var portfolio = (await services.GetRequiredService<PortfolioValuation>().GetAsync(ct)).Snapshot;

        var exits = decisions.Where(d => d.Signal.Strategy.StartsWith(PositionMonitorOrchestrator.ExitStrategyPrefix, StringComparison.Ordinal)).ToList();
        decisions = [.. decisions.Except(exits)];
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in decisions.Where(d => d.Status == DecisionStatus.Rejected))
        {
            var reason = d.Reasons.Count > 0 ? d.Reasons[0] : "unspecified";
            rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
        }

        var all = await source.GetClosedCandlesAsync(market, null, DateTimeOffset.MaxValue.AddYears(-1), int.MaxValue, ct);
        var bh = all[0].Open == 0 ? 0 : (all[^1].Close - all[0].Open) / all[0].Open * 100;
        return new ReplaySummary
        {
            Market = market.Key,
            From = source.First,
            To = source.Last,
            Candles = await candles.CountAsync(market, ct),
            Signals = (int)await services.GetRequiredService<ISignalStore>().CountAsync([market.Key], ct),
            Executed = decisions.Count(d => d.Status == DecisionStatus.Executed),
            Failed = decisions.Count(d => d.Status is DecisionStatus.Failed or DecisionStatus.Running),
            RejectedByReason = rejected,
            StopExits = exits.GroupBy(d => d.Signal.Strategy[PositionMonitorOrchestrator.ExitStrategyPrefix.Length..], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Orders = (int)await services.GetRequiredService<IOrderStore>().CountAsync([market.Key], ct),
            OpenPositions = portfolio.Positions.Count,
            StartingCash = services.GetRequiredService<IOptions<PaperExchangeOptions>>().Value.StartingCash,
            Equity = Math.Round(portfolio.Equity, 2),
            RealizedPnl = Math.Round(portfolio.RealizedPnl, 2),
            UnrealizedPnl = Math.Round(portfolio.UnrealizedPnl, 2),
            Fees = Math.Round(portfolio.FeesPaid, 2),
            BuyAndHoldPercent = Math.Round(bh, 2),
            Elapsed = elapsed,
        };
    }
}
