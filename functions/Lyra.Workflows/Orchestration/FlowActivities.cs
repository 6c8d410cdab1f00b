using Lyra.Ai.Voting;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>Typed calls of Lyra's activities: each activity's name and its input and output types are written here, once.</summary>
public static class FlowActivities
{
    /// <summary>Step 1: opens the journal and captures what the flow decides on.</summary>
    public static Task<MarketContext> GatherContextAsync(this TaskOrchestrationContext context, GatherContextInput input, TaskOptions options) =>
        context.CallActivityAsync<MarketContext>(TaskNames.GatherContext, input, options);

    /// <summary>Step 2: one voter's vote.</summary>
    public static Task<Vote> AskVoterAsync(this TaskOrchestrationContext context, VoterRequest input, TaskOptions options) =>
        context.CallActivityAsync<Vote>(TaskNames.AskVoter, input, options);

    /// <summary>Step 3: the risk gate on the portfolio and kill switch as they are now.</summary>
    public static Task<RiskDecision> EvaluateRiskAsync(this TaskOrchestrationContext context, RiskInput input, TaskOptions options) =>
        context.CallActivityAsync<RiskDecision>(TaskNames.EvaluateRisk, input, options);

    /// <summary>Step 5: places the order, or takes the one the exchange already has under its client id.</summary>
    public static Task<OrderResult> PlaceOrderAsync(this TaskOrchestrationContext context, PlaceOrderInput input, TaskOptions options) =>
        context.CallActivityAsync<OrderResult>(TaskNames.PlaceOrder, input, options);

    /// <summary>Step 5b: one look at a resting order.</summary>
    public static Task<OrderResult> TrackOrderAsync(this TaskOrchestrationContext context, OrderRef input, TaskOptions options) =>
        context.CallActivityAsync<OrderResult>(TaskNames.TrackOrder, input, options);

    /// <summary>Step 5c: cancels a resting order whose time ran out.</summary>
    public static Task<OrderResult> CancelOrderAsync(this TaskOrchestrationContext context, OrderRef input, TaskOptions options) =>
        context.CallActivityAsync<OrderResult>(TaskNames.CancelOrder, input, options);

    /// <summary>Step 6: books the fill in the portfolio (once per client order id).</summary>
    public static Task<PositionState> RecordFillAsync(this TaskOrchestrationContext context, RecordFillInput input, TaskOptions options) =>
        context.CallActivityAsync<PositionState>(TaskNames.RecordFill, input, options);

    /// <summary>Writes the decision's journal (an upsert).</summary>
    public static Task<bool> RecordDecisionAsync(this TaskOrchestrationContext context, DecisionJournal journal, TaskOptions options) =>
        context.CallActivityAsync<bool>(TaskNames.RecordDecision, journal, options);

    /// <summary>The position monitor's check of the new candles against the stops.</summary>
    public static Task<StopCheckResult> CheckStopsAsync(this TaskOrchestrationContext context, MonitorInput input, TaskOptions options) =>
        context.CallActivityAsync<StopCheckResult>(TaskNames.CheckStops, input, options);
}
