using Lyra.Ai.Voting;
using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Workflows.Activities;
using Lyra.Workflows.Orchestration;
using Lyra.Risk.Portfolio;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Functions.Functions;

/// <summary>
/// Durable Functions wrappers: the TradeFlow and PositionMonitor orchestrators and their activities are the classes in Lyra.Workflows,
/// the same ones <c>lyra run</c> hosts on DurableTask.Core.
/// </summary>
public static class TradeFlowFunctions
{
    [Function(TaskNames.TradeFlow)]
    public static Task<TradeFlowResult> TradeFlow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TradeFlowOrchestrator().RunAsync(context, context.GetInput<TradeFlowInput>()
            ?? throw new InvalidOperationException("TradeFlow needs a TradeFlowInput."));

    [Function(TaskNames.PositionMonitor)]
    public static Task<MonitorResult?> PositionMonitor([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PositionMonitorOrchestrator().RunAsync(context, context.GetInput<MonitorInput>()
            ?? throw new InvalidOperationException("PositionMonitor needs a MonitorInput."));

    [Function(TaskNames.Grid)]
    public static Task<GridResult?> Grid([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new GridOrchestrator().RunAsync(context, context.GetInput<GridInput>()
            ?? throw new InvalidOperationException("Grid needs a GridInput."));

    [Function(TaskNames.Arbitrage)]
    public static Task<TradeFlowResult> Arbitrage([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ArbitrageOrchestrator().RunAsync(context, context.GetInput<ArbitrageInput>()
            ?? throw new InvalidOperationException("Arbitrage needs an ArbitrageInput."));

    [Function(TaskNames.QuoteLegs)]
    public static Task<ArbitrageQuotes> QuoteLegs([ActivityTrigger] ArbitrageInput input, FunctionContext fc) =>
        Run<QuoteLegsActivity, ArbitrageInput, ArbitrageQuotes>(TaskNames.QuoteLegs, input, fc);

    [Function(TaskNames.CheckStops)]
    public static Task<StopCheckResult> CheckStops([ActivityTrigger] MonitorInput input, FunctionContext fc) =>
        Run<CheckStopsActivity, MonitorInput, StopCheckResult>(TaskNames.CheckStops, input, fc);

    [Function(TaskNames.GatherContext)]
    public static Task<MarketContext> GatherContext([ActivityTrigger] GatherContextInput input, FunctionContext fc) =>
        Run<GatherContextActivity, GatherContextInput, MarketContext>(TaskNames.GatherContext, input, fc);

    [Function(TaskNames.AskVoter)]
    public static Task<Vote> AskVoter([ActivityTrigger] VoterRequest input, FunctionContext fc) =>
        Run<AskVoterActivity, VoterRequest, Vote>(TaskNames.AskVoter, input, fc);

    [Function(TaskNames.EvaluateRisk)]
    public static Task<RiskDecision> EvaluateRisk([ActivityTrigger] RiskInput input, FunctionContext fc) =>
        Run<EvaluateRiskActivity, RiskInput, RiskDecision>(TaskNames.EvaluateRisk, input, fc);

    [Function(TaskNames.PlaceOrder)]
    public static Task<OrderResult> PlaceOrder([ActivityTrigger] PlaceOrderInput input, FunctionContext fc) =>
        Run<PlaceOrderActivity, PlaceOrderInput, OrderResult>(TaskNames.PlaceOrder, input, fc);

    [Function(TaskNames.TrackOrder)]
    public static Task<OrderResult> TrackOrder([ActivityTrigger] OrderRef input, FunctionContext fc) =>
        Run<TrackOrderActivity, OrderRef, OrderResult>(TaskNames.TrackOrder, input, fc);

    [Function(TaskNames.CancelOrder)]
    public static Task<OrderResult> CancelOrder([ActivityTrigger] OrderRef input, FunctionContext fc) =>
        Run<CancelOrderActivity, OrderRef, OrderResult>(TaskNames.CancelOrder, input, fc);

    [Function(TaskNames.RecordFill)]
    public static Task<PositionState> RecordFill([ActivityTrigger] RecordFillInput input, FunctionContext fc) =>
        Run<RecordFillActivity, RecordFillInput, PositionState>(TaskNames.RecordFill, input, fc);

    [Function(TaskNames.RecordDecision)]
    public static Task<bool> RecordDecision([ActivityTrigger] DecisionJournal input, FunctionContext fc) =>
        Run<RecordDecisionActivity, DecisionJournal, bool>(TaskNames.RecordDecision, input, fc);

    private static Task<TOut> Run<TActivity, TIn, TOut>(string name, TIn input, FunctionContext fc)
        where TActivity : TaskActivity<TIn, TOut>
    {
        var activity = fc.InstanceServices.GetRequiredService<TActivity>();
        var instanceId = fc.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }

    private sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;
        public override string InstanceId { get; } = instanceId;
    }
}
