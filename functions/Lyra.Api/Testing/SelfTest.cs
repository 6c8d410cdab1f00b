using System.Diagnostics;
using System.Globalization;
using Lyra.Api.Ai;
using Lyra.Core.Journals;
using Lyra.Core.Trading;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Risk.Portfolio;
using Lyra.Strategies.Management;
using Lyra.Strategies.Strategies;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Testing;

/// <summary>One step of a self-test.</summary>
/// <param name="Step">What was checked.</param>
/// <param name="Status"><c>pass</c>, <c>warn</c> (worked, but says something a person should know) or <c>fail</c>.</param>
/// <param name="Detail">What happened.</param>
/// <param name="Milliseconds">How long it took.</param>
public sealed record SelfTestStep(string Step, string Status, string Detail, double Milliseconds);

/// <summary>What a self-test did.</summary>
/// <param name="Run">Its id (the flows it started are <c>selftest-{run}-buy</c> and <c>-sell</c>).</param>
/// <param name="Market">The synthetic market it used.</param>
/// <param name="Passed">No step failed.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Milliseconds">How long it took.</param>
/// <param name="Steps">Each step.</param>
public sealed record SelfTestReport(string Run, string Market, bool Passed, DateTimeOffset StartedAt, double Milliseconds, IReadOnlyList<SelfTestStep> Steps);

/// <summary>
/// <c>POST /api/testing/run</c>: drives one synthetic market (<see cref="MarketKey"/>, on the paper venue) through the
/// pipeline and reports each step: candles stored, every active strategy evaluated, the panel asked (nothing traded),
/// a small buy through the decision flow (risk gate, order, fill, position; an approval it waits for is given as
/// <c>selftest</c>), the sell that closes it, the journal's hash chain. Nothing real is traded: against a live account
/// the order steps are skipped, since paper fills would be booked into that account's book. Against the paper account
/// the round trip stays in its book (strategy <c>selftest</c>: a fee's worth of PnL).
/// </summary>
public sealed class SelfTest(ICandleStore candles, StrategyRegistry strategies, IStrategyFactory factory, PanelConsultation panel, IJournalStore<DecisionJournal> decisions,
    IPortfolioStore portfolio, IOptions<TradingOptions> trading, TimeProvider time)
{
    /// <summary>The synthetic market (not a venue: it routes to the paper exchange).</summary>
    public const string MarketKey = "selftest:SELFTEST:1m";

    /// <summary>Notional of the test order, in quote units.</summary>
    public const decimal Notional = 50m;

    /// <summary>How long a flow may take before the step fails.</summary>
    public static TimeSpan FlowTimeout { get; } = TimeSpan.FromSeconds(90);

    private SelfTestReport? _last;

    /// <summary>The latest report of this host, if a self-test ran.</summary>
    public SelfTestReport? Last => _last;

    /// <summary>Runs the self-test.</summary>
    public async Task<SelfTestReport> RunAsync(ITradeFlowClient flows, CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var run = started.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var market = Market.Parse(MarketKey);
        var steps = new List<SelfTestStep>();
        var total = Stopwatch.StartNew();

        async Task<bool> StepAsync(string name, Func<Task<(string Status, string Detail)>> body)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                var (status, detail) = await body();
                steps.Add(new SelfTestStep(name, status, detail, Math.Round(sw.Elapsed.TotalMilliseconds, 1)));
                return status != "fail";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                steps.Add(new SelfTestStep(name, "fail", e.Message, Math.Round(sw.Elapsed.TotalMilliseconds, 1)));
                return false;
            }
        }

        List<Candle> bars = [];
        var ok = await StepAsync("candles", async () =>
        {
            bars = Synthetic(started, 120);
            await candles.UpsertAsync(market, bars, cancellationToken);
            return ("pass", $"{bars.Count} synthetic 1m candles of {market.Key} stored, the newest at {bars[^1].OpenTime:HH:mm}");
        });

        if (ok)
        {
            await StepAsync("strategies", async () =>
            {
                var active = (await strategies.ListAsync(cancellationToken)).Where(a => a.Active).ToList();
                if (active.Count == 0) return ("warn", "no strategy is active: no signals will be produced");
                var series = CandleSeries.From(bars);
                var said = active.Select(a =>
                {
                    var s = factory.Create(a.Strategy, a.Parameters);
                    var d = s.Evaluate(series, series.Count - 1);
                    return string.Create(CultureInfo.InvariantCulture, $"{a.Id}: {d.Action.ToString().ToLowerInvariant()} ({s.Strength:0.##})");
                });
                return ("pass", string.Join("; ", said));
            });

            await StepAsync("panel", async () =>
            {
                var answer = await panel.AskAsync(market, TradeAction.Buy, [.. trading.Value.Voters], "self-test", cancellationToken);
                var answered = answer.Consensus.Votes.Count(v => !v.Abstained);
                var detail = string.Create(CultureInfo.InvariantCulture,
                    $"{answered} of {answer.Consensus.Votes.Count} voters answered; consensus {answer.Consensus.Action.ToString().ToLowerInvariant()} ({answer.Consensus.Agreement:P0} agreement), cost ${answer.CostUsd:0.####}");
                return (answered == 0 ? "fail" : answer.Consensus.QuorumMet ? "pass" : "warn", detail);
            });

            if (trading.Value.IsLive)
            {
                steps.Add(new SelfTestStep("order", "warn", "live trading: the order steps are skipped (paper fills would be booked into the live account's book)", 0));
            }
            else
            {
                var price = bars[^1].Close;
                var quantity = Math.Round(Notional / price, 6);
                DecisionJournal? bought = null;
                ok = await StepAsync("buy", async () =>
                {
                    bought = await TradeAsync(flows, market, bars[^1], $"selftest-{run}-buy", TradeAction.Buy, quantity, cancellationToken);
                    return Verdict(bought);
                });
                if (ok && bought?.Status == DecisionStatus.Executed)
                {
                    decimal held = 0;
                    await StepAsync("position", async () =>
                    {
                        var p = (await portfolio.GetAsync(cancellationToken)).Positions.GetValueOrDefault(market.Key);
                        held = p?.Quantity ?? 0;
                        return held > 0
                            ? ("pass", string.Create(CultureInfo.InvariantCulture, $"holds {held} @ {p!.AveragePrice:0.####}, stop {(p.Stops is { } s ? s.Stop.ToString("0.####", CultureInfo.InvariantCulture) : "none")}"))
                            : ("fail", "the filled buy left no position");
                    });
                    if (held > 0)
                    {
                        await StepAsync("sell", async () => Verdict(await TradeAsync(flows, market, bars[^1], $"selftest-{run}-sell", TradeAction.Sell, held, cancellationToken)));
                    }
                }
            }

            await StepAsync("journal", async () =>
            {
                var chain = await decisions.VerifyAsync(cancellationToken);
                return chain.Intact ? ("pass", $"the decision journal's hash chain is intact ({chain.Entries} entries)") : ("fail", $"the chain is broken: {chain.Reason}");
            });
        }

        var report = new SelfTestReport(run, market.Key, steps.All(s => s.Status != "fail"), started, Math.Round(total.Elapsed.TotalMilliseconds, 1), steps);
        _last = report;
        return report;
    }

    private static (string, string) Verdict(DecisionJournal j) => j.Status switch
    {
        DecisionStatus.Executed => ("pass", string.Create(CultureInfo.InvariantCulture,
            $"{j.Id}: filled {j.Order?.FilledQuantity} @ {j.Order?.AveragePrice:0.####} on {j.Order?.ClientOrderId} in {((j.CompletedAt ?? j.StartedAt) - j.StartedAt).TotalMilliseconds:0} ms")),
        DecisionStatus.Rejected when j.Reasons.Contains("kill_switch") => ("warn", $"{j.Id}: refused by the kill switch (trading is stopped), as it should be"),
        DecisionStatus.Rejected => ("warn", $"{j.Id}: the risk gate refused it ({string.Join(", ", j.Reasons)})"),
        _ => ("fail", $"{j.Id}: {DecisionJournal.StateName(j.Status)} ({string.Join(", ", j.Reasons)})"),
    };

    private async Task<DecisionJournal> TradeAsync(ITradeFlowClient flows, Market market, Candle last, string id, TradeAction side, decimal quantity, CancellationToken ct)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"self-test {side.ToString().ToLowerInvariant()} {quantity}");
        await flows.StartTradeFlowAsync(new TradeFlowInput(id, "selftest", market.Key, last.OpenTime, side, last.Close, text, new ManualOrder(quantity, null, null, "selftest")), ct);
        var deadline = Stopwatch.StartNew();
        var approved = false;
        while (deadline.Elapsed < FlowTimeout)
        {
            if (await decisions.GetAsync(id, ct) is { } j)
            {
                if (j.Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed) return j;
                if (j.Status == DecisionStatus.AwaitingApproval && !approved)
                {
                    await flows.RaiseApprovalAsync(id, new ApprovalDecision(true, "selftest", "self-test order on the paper venue"), ct);
                    approved = true;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        throw new TimeoutException($"{id} did not finish within {FlowTimeout.TotalSeconds:0} s");
    }

    // A gentle rise with a wobble, ending at the current minute (so the risk gate sees a fresh price).
    private static List<Candle> Synthetic(DateTimeOffset now, int count)
    {
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-1);
        var list = new List<Candle>(count);
        for (var i = 0; i < count; i++)
        {
            var close = Math.Round(100m + (0.01m * i) + (i % 7 == 0 ? 0.05m : 0m), 4);
            var open = i == 0 ? close : list[i - 1].Close;
            list.Add(new Candle(end.AddMinutes(i - count + 1), open, Math.Max(open, close) + 0.02m, Math.Min(open, close) - 0.02m, close, 10m));
        }

        return list;
    }
}
