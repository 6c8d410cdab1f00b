using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// One trade decision: gather context → ask every voter in parallel → consensus → risk gate → approval → order → record
/// fill → journal. Deterministic: no I/O, clock or randomness here; every effect is an idempotent activity.
/// </summary>
public sealed class TradeFlowOrchestrator : TaskOrchestrator<TradeFlowInput, TradeFlowResult>
{
    /// <summary>Reasons recorded when a flow ends without an order.</summary>
    public static class Reasons
    {
        /// <summary>The signal itself proposed nothing.</summary>
        public const string NoSignal = "no_signal";
        /// <summary>Context could not be gathered.</summary>
        public const string ContextUnavailable = "context_unavailable";
        /// <summary>The panel decided to hold.</summary>
        public const string ConsensusHold = "consensus_hold";
        /// <summary>The panel decided the opposite of the signal.</summary>
        public const string ConsensusDisagrees = "consensus_disagrees";
        /// <summary>The risk gate could not be evaluated.</summary>
        public const string RiskUnavailable = "risk_unavailable";
        /// <summary>The order could not be placed.</summary>
        public const string OrderFailed = "order_failed";
        /// <summary>The exchange rejected the order.</summary>
        public const string OrderRejected = "order_rejected";
        /// <summary>The fill could not be recorded.</summary>
        public const string RecordFillFailed = "record_fill_failed";
        /// <summary>A person rejected the order.</summary>
        public const string ApprovalRejected = "approval_rejected";
        /// <summary>Nobody answered the approval request in time.</summary>
        public const string ApprovalTimeout = "approval_timeout";
        /// <summary>The external event name a person's answer arrives as.</summary>
        public const string ApprovalEvent = "approval";
    }

    /// <inheritdoc />
    public override async Task<TradeFlowResult> RunAsync(TaskOrchestrationContext context, TradeFlowInput input)
    {
        var flow = new FlowJournal(context, context.InstanceId, input, typeof(TradeFlowOrchestrator).FullName!);
        flow.Step("signal", FlowJournal.F($"{input.Strategy} proposes {input.Action} {input.MarketKey} at {input.Price}: {input.Reason}"));

        // 1 gather context (also opens the journal with status running)
        MarketContext market;
        try
        {
            market = await context.GatherContextAsync(new GatherContextInput(context.InstanceId, input, flow.Journal.StartedAt), FlowRetry.Attempts(3));
        }
        catch (TaskFailedException e)
        {
            return await flow.FinishAsync(DecisionStatus.Failed, [Reasons.ContextUnavailable], FlowRetry.Attempts(3), "context", e.Message);
        }

        var retry = FlowRetry.Attempts(market.ActivityMaxAttempts);
        flow.Step("context", FlowJournal.F($"{market.Candles} candles, {market.Voters.Count} voters"));
        if (input.Action == TradeAction.Hold) return await flow.FinishAsync(DecisionStatus.Rejected, [Reasons.NoSignal], retry, "signal", "hold signal");

        // 2 AI consensus: every voter in parallel, each against its deadline; voters the plan left out abstain with the reason.
        // A person's order has no vote: the person decided; the risk gate below still applies.
        if (input.Manual is { } manual)
        {
            flow.Step("consensus", FlowJournal.F($"manual order by {manual.By}: {input.Action} {manual.Quantity}")
                + (manual.LimitPrice is { } lp ? FlowJournal.F($" limit {lp}") : " at market") + "; no vote");
        }
        else
        {
            var consensus = await VoteAsync(context, flow, market, retry);
            if (consensus.Action != input.Action)
            {
                return await flow.FinishAsync(DecisionStatus.Rejected, [consensus.Action == TradeAction.Hold ? Reasons.ConsensusHold : Reasons.ConsensusDisagrees], retry);
            }
        }

        // 3 risk gate (reads the kill switch now, so a stop blocks flows already in flight)
        RiskDecision risk;
        try
        {
            risk = await context.EvaluateRiskAsync(new RiskInput(context.InstanceId, input.MarketKey, input.Action, input.Price), retry);
        }
        catch (TaskFailedException e)
        {
            return await flow.FinishAsync(DecisionStatus.Failed, [Reasons.RiskUnavailable], retry, "risk", e.Message);
        }

        flow.Update(j => j with { Risk = risk });
        flow.Step("risk", FlowJournal.F($"{risk.Verdict} {risk.Side} {risk.Quantity}") + (risk.Reasons.Count > 0 ? $" ({string.Join(", ", risk.Reasons)})" : ""));
        if (!risk.Allowed) return await flow.FinishAsync(DecisionStatus.Rejected, risk.Reasons, retry);

        // 4 approval: large orders wait for a person; no answer in time means no order
        if (await ApproveAsync(context, flow, market, risk.Quantity * input.Price, retry) is { } refused)
        {
            return await flow.FinishAsync(DecisionStatus.Rejected, [refused.Reason], retry, "approval", refused.Detail);
        }

        // 5 order and 6 fill: the client order id derives from the instance id, so retries and replays cannot double-fill
        var quantity = risk.Quantity;
        if (input.Manual is { } asked && asked.Quantity < quantity) quantity = asked.Quantity; // the gate sizes a person's order down, never up
        else if (input.Manual is { } m && m.Quantity > risk.Quantity) flow.Step("size", FlowJournal.F($"asked {input.Manual.Quantity}, the risk gate allows {risk.Quantity}"));
        var request = new OrderRequest(OrderStep.ClientOrderId(context.InstanceId), input.MarketKey, risk.Side, quantity, input.Manual?.LimitPrice);
        var done = await OrderStep.RunAsync(context, flow, context.InstanceId, input.CandleTime, request, risk.Stops, retry, market.Tracking);
        return done.Stage switch
        {
            OrderStep.Stage.Booked => await flow.FinishAsync(DecisionStatus.Executed, [], retry),
            OrderStep.Stage.NotFilled => await flow.FinishAsync(DecisionStatus.Rejected, [Reasons.OrderRejected], retry, "order", done.Error),
            OrderStep.Stage.PlaceFailed => await flow.FinishAsync(DecisionStatus.Failed, [Reasons.OrderFailed], retry, "order", done.Error),
            _ => await flow.FinishAsync(DecisionStatus.Failed, [Reasons.RecordFillFailed], retry, "position", done.Error),
        };
    }

    private static async Task<ConsensusResult> VoteAsync(TaskOrchestrationContext context, FlowJournal flow, MarketContext market, TaskOptions retry)
    {
        var skipped = market.Skipped ?? [];
        if (skipped.Count > 0) flow.Step("panel", Application.PanelPlanner.Describe(skipped));
        var timeout = TimeSpan.FromSeconds(market.VoterTimeoutSeconds);
        var asks = market.Voters
            .Select(voter => skipped.FirstOrDefault(v => v.Voter == voter) is { } left ? Task.FromResult(left) : AskAsync(context, voter, market.Vote, retry, timeout))
            .ToList();
        var votes = await Task.WhenAll(asks);
        var consensus = ConsensusEngine.Decide(votes, market.Consensus);
        flow.Update(j => j with { Votes = votes, Consensus = consensus, Prompt = market.Prompt, ModelSelection = market.Selection, AiCostUsd = votes.Sum(v => v.CostUsd) });
        flow.Step("consensus", consensus.Reason);
        return consensus;
    }

    private static async Task<Vote> AskAsync(TaskOrchestrationContext context, string voter, VoteContext vote, TaskOptions retry, TimeSpan timeout)
    {
        // Race the vote against a durable timer: a slow voter abstains instead of holding up the decision.
        using var cts = new CancellationTokenSource();
        var ask = context.AskVoterAsync(new VoterRequest(voter, vote), retry);
        var timer = context.CreateTimer(context.CurrentUtcDateTime + timeout, cts.Token);
        if (await Task.WhenAny(ask, timer) == timer) return Vote.Abstain(voter, $"no answer within {timeout.TotalSeconds:0} s");
        CancelTimer(cts);
        try
        {
            return await ask;
        }
        catch (TaskFailedException e)
        {
            return Vote.Abstain(voter, "voter failed: " + (e.FailureDetails?.ErrorMessage ?? e.Message));
        }
    }

    /// <summary>Null when the order may go; otherwise why not.</summary>
    private static async Task<(string Reason, string Detail)?> ApproveAsync(TaskOrchestrationContext context, FlowJournal flow, MarketContext market, decimal notional, TaskOptions retry)
    {
        if (market.ApprovalNotional is not { } threshold || notional < threshold) return null;
        var timeout = TimeSpan.FromSeconds(market.ApprovalTimeoutSeconds);
        flow.Step("approval", FlowJournal.F($"notional {notional} ≥ {threshold}: waiting up to {timeout} for approval"));
        await context.RecordDecisionAsync(flow.Current with { Status = DecisionStatus.AwaitingApproval }, retry);
        ApprovalDecision approval;
        try
        {
            approval = await context.WaitForExternalEvent<ApprovalDecision>(Reasons.ApprovalEvent, timeout);
        }
        catch (TaskCanceledException)
        {
            return (Reasons.ApprovalTimeout, $"no answer within {timeout}");
        }

        flow.Update(j => j with { Approval = approval });
        var who = string.IsNullOrEmpty(approval.By) ? "someone" : approval.By;
        if (!approval.Approved) return (Reasons.ApprovalRejected, $"rejected by {who}: {approval.Reason}");
        flow.Step("approval", $"approved by {who}");
        return null;
    }

    // Synchronous on purpose: awaiting CancelAsync would resume the orchestrator off its dispatcher thread, and an
    // orchestrator may only await durable tasks.
#pragma warning disable CA1849
    private static void CancelTimer(CancellationTokenSource cts) => cts.Cancel();
#pragma warning restore CA1849
}
