using System.Diagnostics;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Testing;
using Lyra.Testing.Voters;
using Lyra.Workflows.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Lyra.Workflows.Tests;

/// <summary>A decision on the durable engine is one trace with a span per step (the in-memory OpenTelemetry exporter).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_decision_is_one_trace_with_every_step()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(LyraTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        await using var h = await FlowHarness.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); },
            new Dictionary<string, string?> { ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b" });
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        tracer.ForceFlush();

        List<Activity> mine;
        lock (spans) mine = [.. spans.Where(s => (string?)s.GetTagItem("lyra.decision.id") == result.DecisionId)];
        Assert.Single(mine.Select(s => s.TraceId).Distinct());
        Assert.Equal(LyraTelemetry.FlowContext(result.DecisionId).TraceId, mine[0].TraceId);
        // A retried activity (the in-process engine redelivers under load) is one more span of its step: it was a real attempt.
        Assert.Equal(["TradeFlow", "consensus", "context", "fill", "order", "risk", "vote"], mine.Select(s => s.DisplayName).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b"], mine.Where(s => s.DisplayName == "vote").Select(s => (string)s.GetTagItem("lyra.voter")!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(mine.Where(s => s.DisplayName == "risk"), s => Assert.Equal("Approve", s.GetTagItem("lyra.verdict")));
        Assert.Contains(mine, s => s.DisplayName == "order" && (string?)s.GetTagItem("lyra.order.status") == "Filled");
        var flow = mine.Last(s => s.DisplayName == "TradeFlow");
        Assert.Equal(("executed", FlowHarness.Btc.Key), (flow.GetTagItem("lyra.status"), flow.GetTagItem("lyra.market")));
        Assert.True(flow.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_decision_that_waited_for_approval_has_an_approval_span_from_the_request_to_the_answer()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(LyraTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        await using var h = await FlowHarness.StartAsync(
            s => { s.AddSingleton<IVoter>(new FollowerVoter("a", 0.9)); s.AddSingleton<IVoter>(new FollowerVoter("b", 0.9)); },
            new Dictionary<string, string?>
            {
                ["Lyra:Trading:Voters:0"] = "a", ["Lyra:Trading:Voters:1"] = "b",
                ["Lyra:Trading:ApprovalNotional"] = "1", ["Lyra:Trading:ApprovalTimeoutSeconds"] = "600",
            });
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 60).Select(i => 100m + i)]);
        var input = FlowHarness.Input(candles[^1], TradeAction.Buy);
        Assert.True(await h.Flows.StartTradeFlowAsync(input));
        await Eventually.UntilAsync(async () => (await h.Get<Lyra.Core.Journals.IJournalStore<Orchestration.DecisionJournal>>().GetAsync(input.SignalId))?.Status
            == Orchestration.DecisionStatus.AwaitingApproval, TimeSpan.FromSeconds(60), "the flow to wait for approval");
        await h.Flows.RaiseApprovalAsync(input.SignalId, new Orchestration.ApprovalDecision(true, "ana", "fine"));
        var result = await h.WaitAsync(input.SignalId);
        tracer.ForceFlush();

        List<Activity> mine;
        lock (spans) mine = [.. spans.Where(s => (string?)s.GetTagItem("lyra.decision.id") == result.DecisionId)];
        var approval = Assert.Single(mine, s => s.DisplayName == "approval");
        Assert.Equal(("approved", "ana"), (approval.GetTagItem("lyra.approval"), approval.GetTagItem("lyra.approval.by")));
        Assert.True(approval.Duration > TimeSpan.Zero);
        Assert.Single(mine.Select(s => s.TraceId).Distinct());
        Assert.Contains(mine, s => s.DisplayName == "order");
    }
}
