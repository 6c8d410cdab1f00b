using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Telemetry;

/// <summary>
/// Lyra's traces and metrics (<see cref="SourceName"/>), exported by whatever OpenTelemetry pipeline the host sets up.
/// A decision's steps run as activities, possibly on several machines and after restarts, so its trace id is derived from
/// the decision id: every step's span, wherever it runs, lands in one trace per decision. The orchestrator itself emits
/// nothing (it replays); the flow's own span and its consensus are written, with their real times from the journal,
/// when the journal is recorded final.
/// </summary>
public static class LyraTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string SourceName = "Lyra.Trading";

    /// <summary>The spans.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("lyra.decisions", description: "Decisions finished, by status");
    private static readonly Counter<long> Orders = Meter.CreateCounter<long>("lyra.orders", description: "Orders placed, by status");
    private static readonly Counter<long> Fills = Meter.CreateCounter<long>("lyra.fills", description: "Fills booked");
    private static readonly Histogram<double> Pnl = Meter.CreateHistogram<double>("lyra.trade.pnl", "quote", "Realized PnL of closed trades");
    private static readonly Histogram<double> VoterLatency = Meter.CreateHistogram<double>("lyra.voter.latency", "ms", "How long a voter took");
    private static readonly Counter<double> VoterCost = Meter.CreateCounter<double>("lyra.voter.cost", "USD", "What the voters cost");
    private static readonly Histogram<double> ExchangeLatency = Meter.CreateHistogram<double>("lyra.exchange.latency", "ms", "How long placing an order took");
    private static readonly Counter<long> ExchangeErrors = Meter.CreateCounter<long>("lyra.exchange.errors", description: "Orders the exchange step failed on");

    /// <summary>The trace of a decision: the same on every machine.</summary>
    public static ActivityContext FlowContext(string decisionId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(decisionId), hash);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash[16..24]), ActivityTraceFlags.Recorded);
    }

    /// <summary>Starts the span of one step of <paramref name="decisionId"/> (null when nobody listens).</summary>
    public static Activity? StartStep(string step, string decisionId, string? marketKey = null, DateTimeOffset startTime = default)
    {
        var activity = Source.StartActivity(step, ActivityKind.Internal, FlowContext(decisionId), startTime: startTime);
        activity?.SetTag("lyra.decision.id", decisionId);
        if (marketKey is not null) activity?.SetTag("lyra.market", marketKey);
        return activity;
    }

    /// <summary>A vote came in.</summary>
    public static void Voted(Activity? span, Ai.Voting.Vote vote)
    {
        span?.SetTag("lyra.voter", vote.Voter);
        span?.SetTag("lyra.vote.action", vote.Action.ToString());
        span?.SetTag("lyra.vote.confidence", vote.Confidence);
        if (vote.Abstained) span?.SetTag("lyra.vote.abstained", true);
        var voter = new KeyValuePair<string, object?>("voter", vote.Voter);
        VoterLatency.Record(vote.LatencyMs, voter, new KeyValuePair<string, object?>("outcome", vote.Abstained ? "abstained" : "voted"));
        if (vote.CostUsd > 0) VoterCost.Add((double)vote.CostUsd, voter);
    }

    /// <summary>An order step ended (or failed, with <paramref name="order"/> null).</summary>
    public static void Ordered(Activity? span, Exchanges.Orders.OrderResult? order, TimeSpan took)
    {
        ExchangeLatency.Record(took.TotalMilliseconds);
        if (order is null)
        {
            ExchangeErrors.Add(1);
            span?.SetStatus(ActivityStatusCode.Error);
            return;
        }

        span?.SetTag("lyra.order.status", order.Status.ToString());
        span?.SetTag("lyra.order.client_id", order.ClientOrderId);
        Orders.Add(1, new KeyValuePair<string, object?>("status", order.Status.ToString()));
    }

    /// <summary>A fill was booked.</summary>
    public static void Filled(Activity? span, Risk.Portfolio.AppliedFill applied)
    {
        Fills.Add(1);
        span?.SetTag("lyra.position.quantity", (double)applied.Position.Quantity);
        if (applied.Closed is { } closed) Pnl.Record((double)closed.Pnl, new KeyValuePair<string, object?>("market", closed.MarketKey));
    }

    /// <summary>A decision's journal was recorded final: its flow span and its consensus, with the journal's times.</summary>
    public static void Finished(DecisionJournal journal)
    {
        Decisions.Add(1, new KeyValuePair<string, object?>("status", DecisionJournal.StateName(journal.Status)));
        if (journal.Consensus is { } consensus && journal.Steps.FirstOrDefault(s => s.Step == "consensus") is { } at)
        {
            using var c = StartStep("consensus", journal.Id, journal.Signal.MarketKey, at.At);
            c?.SetTag("lyra.consensus.action", consensus.Action.ToString());
            c?.SetEndTime(at.At.UtcDateTime);
        }

        // The wait for a person: from the request for approval to the answer (or the flow's end, when rejected or timed out).
        var waits = journal.Steps.Where(s => s.Step == "approval").ToList();
        if (journal.Approval is { } answer && waits.Count > 0)
        {
            using var a = StartStep("approval", journal.Id, journal.Signal.MarketKey, waits[0].At);
            a?.SetTag("lyra.approval", answer.Approved ? "approved" : "rejected");
            a?.SetTag("lyra.approval.by", answer.By);
            a?.SetEndTime((waits.Count > 1 ? waits[^1].At : journal.CompletedAt ?? waits[0].At).UtcDateTime);
        }

        using var flow = StartStep("TradeFlow", journal.Id, journal.Signal.MarketKey, journal.StartedAt);
        if (flow is null) return;
        flow.SetTag("lyra.strategy", journal.Signal.Strategy);
        flow.SetTag("lyra.status", DecisionJournal.StateName(journal.Status));
        flow.SetTag("lyra.verdict", journal.Risk?.Verdict.ToString());
        if (journal.Reasons.Count > 0) flow.SetTag("lyra.reasons", string.Join(",", journal.Reasons));
        if (journal.Approval is { } approval) flow.SetTag("lyra.approval", approval.Approved ? "approved" : "rejected");
        if (journal.Status == DecisionStatus.Failed) flow.SetStatus(ActivityStatusCode.Error);
        flow.SetEndTime((journal.CompletedAt ?? journal.StartedAt).UtcDateTime);
    }
}
