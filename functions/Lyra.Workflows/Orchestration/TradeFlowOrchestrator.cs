using Lyra.Ai.Consensus;
using Lyra.Ai.Voting;
using Lyra.Core.Ids;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// One trade decision: gather context → ask every voter in parallel → consensus → risk gate → order → record fill
/// → journal. Deterministic: no I/O, clock or randomness here; every effect is an idempotent activity.
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
        var started = context.CurrentUtcDateTime;
        var journal = new DecisionJournal { Id = context.InstanceId, Signal = input, Status = DecisionStatus.Running, StartedAt = started };
        var steps = new List<JournalStep> { new("signal", started, $"{input.Strategy} proposes {input.Action} {input.MarketKey} at {input.Price}: {input.Reason}") };

        // 1 gather context (also opens the journal with status running)
        MarketContext market;
        try
        {
            market = await context.CallActivityAsync<MarketContext>(TaskNames.GatherContext, new GatherContextInput(context.InstanceId, input, started), Retry(3));
        }
        catch (TaskFailedException e)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Failed, [Reasons.ContextUnavailable], 3, "context", e.Message);
        }

        var attempts = market.ActivityMaxAttempts;
        steps.Add(new("context", context.CurrentUtcDateTime, $"{market.Candles} candles, {market.Voters.Count} voters"));
        if (input.Action == Core.Trading.TradeAction.Hold)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, [Reasons.NoSignal], attempts, "signal", "hold signal");
        }

        // 2 AI consensus: fan out to every voter in parallel; a voter that keeps failing abstains; voters the plan left out
        //   (budget used up, model selection) abstain with the reason without being asked
        var skipped = market.Skipped ?? [];
        if (skipped.Count > 0) steps.Add(new("panel", context.CurrentUtcDateTime, Application.PanelPlanner.Describe(skipped)));
        var asks = new List<Task<Vote>>(market.Voters.Count);
        var voterTimeout = TimeSpan.FromSeconds(market.VoterTimeoutSeconds);
        foreach (var voter in market.Voters)
        {
            asks.Add(skipped.FirstOrDefault(v => v.Voter == voter) is { } left ? Task.FromResult(left) : AskAsync(context, voter, market.Vote, attempts, voterTimeout));
        }

        var votes = await Task.WhenAll(asks);
        var consensus = ConsensusEngine.Decide(votes, market.Consensus);
        journal = journal with { Votes = votes, Consensus = consensus, Prompt = market.Prompt, ModelSelection = market.Selection, AiCostUsd = votes.Sum(v => v.CostUsd) };
        steps.Add(new("consensus", context.CurrentUtcDateTime, consensus.Reason));
        if (consensus.Action != input.Action)
        {
            var reason = consensus.Action == Core.Trading.TradeAction.Hold ? Reasons.ConsensusHold : Reasons.ConsensusDisagrees;
            return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, [reason], attempts);
        }

        // 3 risk gate (reads the kill switch now, so a stop blocks flows already in flight)
        RiskDecision risk;
        try
        {
            risk = await context.CallActivityAsync<RiskDecision>(TaskNames.EvaluateRisk, new RiskInput(context.InstanceId, input.MarketKey, consensus.Action, input.Price), Retry(attempts));
        }
        catch (TaskFailedException e)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Failed, [Reasons.RiskUnavailable], attempts, "risk", e.Message);
        }

        journal = journal with { Risk = risk };
        steps.Add(new("risk", context.CurrentUtcDateTime, $"{risk.Verdict} {risk.Side} {risk.Quantity}" + (risk.Reasons.Count > 0 ? $" ({string.Join(", ", risk.Reasons)})" : "")));
        if (!risk.Allowed) return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, risk.Reasons, attempts);

        // 4 approval: large orders wait for a person; no answer in time means no order
        var notional = risk.Quantity * input.Price;
        if (market.ApprovalNotional is { } threshold && notional >= threshold)
        {
            var timeout = TimeSpan.FromSeconds(market.ApprovalTimeoutSeconds);
            steps.Add(new("approval", context.CurrentUtcDateTime, $"notional {notional} ≥ {threshold}: waiting up to {timeout} for approval"));
            await context.CallActivityAsync(TaskNames.RecordDecision, journal with { Status = DecisionStatus.AwaitingApproval, Steps = [.. steps] }, Retry(attempts));
            using var cts = new CancellationTokenSource();
            var answer = context.WaitForExternalEvent<ApprovalDecision>(Reasons.ApprovalEvent, cts.Token);
            var timer = context.CreateTimer(context.CurrentUtcDateTime + timeout, cts.Token);
            if (await Task.WhenAny(answer, timer) == timer)
            {
                return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, [Reasons.ApprovalTimeout], attempts, "approval", $"no answer within {timeout}");
            }

            CancelTimer(cts);
            var approval = await answer;
            journal = journal with { Approval = approval };
            var who = string.IsNullOrEmpty(approval.By) ? "someone" : approval.By;
            if (!approval.Approved)
            {
                return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, [Reasons.ApprovalRejected], attempts, "approval", $"rejected by {who}: {approval.Reason}");
            }

            steps.Add(new("approval", context.CurrentUtcDateTime, $"approved by {who}"));
        }

        // 5 order: the client order id derives from the instance id, so retries and replays cannot double-fill
        var clientOrderId = DeterministicId.From("ly", 30, context.InstanceId);
        OrderResult order;
        try
        {
            order = await context.CallActivityAsync<OrderResult>(TaskNames.PlaceOrder,
                new PlaceOrderInput(context.InstanceId, input.CandleTime, new OrderRequest(clientOrderId, input.MarketKey, risk.Side, risk.Quantity)), Retry(attempts));
        }
        catch (TaskFailedException e)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Failed, [Reasons.OrderFailed], attempts, "order", e.Message);
        }

        journal = journal with { Order = order };
        steps.Add(new("order", context.CurrentUtcDateTime, $"{order.Status} {order.Side} {order.FilledQuantity} @ {order.AveragePrice} fee {order.Fee}"));
        if (order.Status != OrderStatus.Filled)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Rejected, [Reasons.OrderRejected], attempts, "order", order.RejectReason ?? "rejected");
        }

        // 6 track and record
        try
        {
            var position = await context.CallActivityAsync<PositionState>(TaskNames.RecordFill, new RecordFillInput(context.InstanceId, order, input.CandleTime, risk.Stops), Retry(attempts));
            journal = journal with { Position = position };
            steps.Add(new("position", context.CurrentUtcDateTime, $"{position.MarketKey} holds {position.Quantity} @ {position.AveragePrice}, realized {position.RealizedPnl}"
                + (position.Stops is { } st ? $", stop {st.Stop}" + (st.TakeProfit is { } tp ? $", take profit {tp}" : "") : "")));
        }
        catch (TaskFailedException e)
        {
            return await FinishAsync(context, journal, steps, DecisionStatus.Failed, [Reasons.RecordFillFailed], attempts, "position", e.Message);
        }

        return await FinishAsync(context, journal, steps, DecisionStatus.Executed, [], attempts);
    }

    private static async Task<Vote> AskAsync(TaskOrchestrationContext context, string voter, VoteContext vote, int attempts, TimeSpan timeout)
    {
        // Race the vote against a durable timer: a slow voter abstains instead of holding up the decision.
        using var cts = new CancellationTokenSource();
        var ask = context.CallActivityAsync<Vote>(TaskNames.AskVoter, new VoterRequest(voter, vote), Retry(attempts));
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

    private static async Task<TradeFlowResult> FinishAsync(TaskOrchestrationContext context, DecisionJournal journal, List<JournalStep> steps,
        DecisionStatus status, IReadOnlyList<string> reasons, int attempts, string? step = null, string? detail = null)
    {
        if (step is not null) steps.Add(new(step, context.CurrentUtcDateTime, detail ?? ""));
        var done = journal with { Status = status, Reasons = reasons, CompletedAt = context.CurrentUtcDateTime, Steps = steps };
        await context.CallActivityAsync(TaskNames.RecordDecision, done, Retry(attempts));
        return new TradeFlowResult(context.InstanceId, status, reasons, done.Order?.ClientOrderId);
    }

    // Synchronous on purpose: awaiting CancelAsync would resume the orchestrator off its dispatcher thread, and an
    // orchestrator may only await durable tasks.
#pragma warning disable CA1849
    private static void CancelTimer(CancellationTokenSource cts) => cts.Cancel();
#pragma warning restore CA1849

    private static TaskOptions Retry(int attempts) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(attempts, TimeSpan.FromMilliseconds(500), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));
}
