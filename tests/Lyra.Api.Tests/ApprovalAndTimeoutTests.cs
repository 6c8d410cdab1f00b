using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Workflows.Orchestration;
using Lyra.Testing;
using Microsoft.Extensions.DependencyInjection;
using Lyra.Testing.Voters;
using Lyra.Core.Journals;
using Lyra.Exchanges.Orders;
using Lyra.Api.Routing;

namespace Lyra.Api.Tests;

/// <summary>Per-voter deadlines (durable timer race) and human approval (external event with a timeout).</summary>
public sealed class ApprovalAndTimeoutTests
{
    private sealed class SlowVoter(string name, TimeSpan delay) : IVoter
    {
        public string Name => name;

        public async Task<Vote> VoteAsync(VoteContext context, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return new Vote(name, TradeAction.Sell, 1, "1h", "too late");
        }
    }

    private static Task<FlowHarness> StartAsync(Dictionary<string, string?> settings, params IVoter[] voters) =>
        ApiHarness.StartAsync(s => { foreach (var v in voters) s.AddSingleton(v); },
            new Dictionary<string, string?>(settings.Concat(voters.Select((v, i) => new KeyValuePair<string, string?>($"Lyra:Trading:Voters:{i}", v.Name)))));

    private static readonly IReadOnlyList<decimal> Closes = Enumerable.Range(0, 60).Select(i => 100m + i).ToList();

    [Fact]
    public async Task A_voter_past_its_deadline_abstains_and_the_rest_decide()
    {
        await using var h = await StartAsync(new() { ["Lyra:Trading:VoterTimeoutSeconds"] = "1" },
            new FollowerVoter("a", 0.9), new FollowerVoter("b", 0.9), new SlowVoter("slow", TimeSpan.FromSeconds(6)));
        var candles = await h.SeedAsync(Closes);
        var result = await h.RunAsync(FlowHarness.Input(candles[^1], TradeAction.Buy));
        Assert.Equal(DecisionStatus.Executed, result.Status);
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(result.DecisionId);
        // The decision was taken at the deadline, not when the 6 s voter finished. (The test host itself reports the
        // instance complete only once the abandoned activity returns, so wall-clock time to completion is not the measure.)
        var context = journal!.Steps.Single(s => s.Step == "context").At;
        var consensus = journal.Steps.Single(s => s.Step == "consensus").At;
        Assert.InRange(consensus - context, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.True(journal.CompletedAt - journal.StartedAt < TimeSpan.FromSeconds(15));
        var late = Assert.Single(journal!.Votes, v => v.Abstained);
        Assert.Equal(("slow", "no answer within 1 s"), (late.Voter, late.Rationale));
    }

    private static async Task<(FlowHarness H, TradeFlowInput Input)> WaitingForApprovalAsync(string timeoutSeconds = "120")
    {
        var h = await StartAsync(new() { ["Lyra:Trading:ApprovalNotional"] = "100", ["Lyra:Trading:ApprovalTimeoutSeconds"] = timeoutSeconds },
            new FollowerVoter("a", 0.9), new FollowerVoter("b", 0.9));
        var candles = await h.SeedAsync(Closes);
        var input = FlowHarness.Input(candles[^1], TradeAction.Buy);
        Assert.True(await h.Flows.StartTradeFlowAsync(input));
        await Eventually.UntilAsync(async () => (await h.Get<IJournalStore<DecisionJournal>>().GetAsync(input.SignalId))?.Status == DecisionStatus.AwaitingApproval,
            TimeSpan.FromSeconds(30), "the decision to wait for approval");
        return (h, input);
    }

    [Fact]
    public async Task An_approved_order_is_placed_and_the_journal_says_who_approved()
    {
        var (h, input) = await WaitingForApprovalAsync();
        await using var _ = h;
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.Approve, body: "{\"by\":\"alice\",\"reason\":\"looks fine\"}", id: input.SignalId);
        Assert.Equal(202, status);
        Assert.True(body.GetProperty("data").GetProperty("approved").GetBoolean());

        var result = await h.WaitAsync(input.SignalId);
        Assert.Equal(DecisionStatus.Executed, result.Status);
        Assert.Single(await h.Get<IOrderStore>().ListAsync(null, 10));
        var journal = await h.Get<IJournalStore<DecisionJournal>>().GetAsync(input.SignalId);
        Assert.Equal("alice", journal!.Approval!.By);
        Assert.Contains(journal.Steps, s => s.Step == "approval" && s.Detail == "approved by alice");
        var (again, _) = await ApiCall.InvokeAsync(h, ApiRoutes.Approve, id: input.SignalId);
        Assert.Equal(409, again); // no longer waiting
    }

    [Fact]
    public async Task A_rejected_order_is_not_placed()
    {
        var (h, input) = await WaitingForApprovalAsync();
        await using var _ = h;
        var (status, _) = await ApiCall.InvokeAsync(h, ApiRoutes.Reject, body: "{\"by\":\"bob\",\"reason\":\"too big\"}", id: input.SignalId);
        Assert.Equal(202, status);
        var result = await h.WaitAsync(input.SignalId);
        Assert.Equal((DecisionStatus.Rejected, TradeFlowOrchestrator.Reasons.ApprovalRejected), (result.Status, result.Reasons[0]));
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.False((await h.Get<IJournalStore<DecisionJournal>>().GetAsync(input.SignalId))!.Approval!.Approved);
    }

    [Fact]
    public async Task Without_an_answer_in_time_the_order_is_rejected()
    {
        var (h, input) = await WaitingForApprovalAsync(timeoutSeconds: "2");
        await using var _ = h;
        var result = await h.WaitAsync(input.SignalId);
        Assert.Equal((DecisionStatus.Rejected, TradeFlowOrchestrator.Reasons.ApprovalTimeout), (result.Status, result.Reasons[0]));
        Assert.Empty(await h.Get<IOrderStore>().ListAsync(null, 10));
        Assert.True((await h.Get<IJournalStore<DecisionJournal>>().VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Approving_an_unknown_or_malformed_decision_is_refused()
    {
        await using var h = await ApiHarness.StartAsync();
        Assert.Equal(404, (await ApiCall.InvokeAsync(h, ApiRoutes.Approve, id: "tf-nothing")).Status);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.Reject, id: "../x")).Status);
        Assert.Equal(400, (await ApiCall.InvokeAsync(h, ApiRoutes.Approve, body: "{\"by\":1}", id: "tf-x")).Status);
    }
}
