using Lyra.Core.Trading;
using Lyra.Exchanges.Orders;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Orchestration;

/// <summary>
/// One cross-exchange arbitrage decision: quote both legs → spread after fees against the minimum → one risk gate for both
/// legs (the buy within the limits, the sell within what is held on its market) → both market orders at once, each
/// exactly once under a client id derived from the decision and the leg → book each fill → when the legs filled unequally,
/// unwind the difference on the leg that filled more (or keep it, per the input) → journal both legs. Deterministic.
/// </summary>
public sealed class ArbitrageOrchestrator : TaskOrchestrator<ArbitrageInput, TradeFlowResult>
{
    /// <summary>Reasons an arbitrage ends without both legs done.</summary>
    public static class Reasons
    {
        /// <summary>The spread after fees was below the minimum.</summary>
        public const string SpreadTooSmall = "spread_too_small";
        /// <summary>One leg filled less than the other; the difference was traded back.</summary>
        public const string LegsUnwound = "legs_unwound";
        /// <summary>One leg filled less than the other and the difference is still held (unwind off, or it failed).</summary>
        public const string Unhedged = "unhedged";
    }

    /// <summary>A difference between the legs below this share of the quantity is dust (rounding, a fee taken in the asset), not a failed leg.</summary>
    public const decimal Tolerance = 0.01m;

    /// <inheritdoc />
    public override async Task<TradeFlowResult> RunAsync(TaskOrchestrationContext context, ArbitrageInput input)
    {
        var retry = FlowRetry.Attempts(3);
        var signal = new TradeFlowInput(input.Id, "arbitrage", input.BuyMarket, input.StartedAt, TradeAction.Buy, 0m,
            FlowJournal.F($"buy {input.Quantity} on {input.BuyMarket}, sell on {input.SellMarket}, if the spread after fees is at least {input.MinSpreadPercent}% (by {input.By})"));
        var flow = new FlowJournal(context, input.Id, signal, typeof(ArbitrageOrchestrator).FullName!);
        flow.Step("signal", signal.Reason);

        ArbitrageQuotes q;
        try
        {
            q = await context.CallActivityAsync<ArbitrageQuotes>(TaskNames.QuoteLegs, input, retry);
        }
        catch (TaskFailedException e)
        {
            return await flow.FinishAsync(DecisionStatus.Failed, [TradeFlowOrchestrator.Reasons.ContextUnavailable], retry, "quotes", e.Message);
        }

        var spread = (q.Sell.Bid / q.Buy.Ask) - 1m;
        var net = spread - q.Buy.FeeRate - q.Sell.FeeRate;
        flow.Step("spread", FlowJournal.F($"buy at {q.Buy.Ask} ({q.Buy.Source}), sell at {q.Sell.Bid} ({q.Sell.Source}): {Math.Round(spread * 100, 4)}%, after fees {Math.Round(net * 100, 4)}%"));
        if (net * 100 < input.MinSpreadPercent) return await flow.FinishAsync(DecisionStatus.Rejected, [Reasons.SpreadTooSmall], retry);

        // One gate for both legs: both must pass, and the size is what both allow.
        var buyId = input.Id + "-buy";
        var sellId = input.Id + "-sell";
        Risk.Gate.RiskDecision buyRisk, sellRisk;
        try
        {
            var b = context.EvaluateRiskAsync(new RiskInput(buyId, input.BuyMarket, TradeAction.Buy, q.Buy.Ask), retry);
            var s = context.EvaluateRiskAsync(new RiskInput(sellId, input.SellMarket, TradeAction.Sell, q.Sell.Bid), retry);
            (buyRisk, sellRisk) = (await b, await s);
        }
        catch (TaskFailedException e)
        {
            return await flow.FinishAsync(DecisionStatus.Failed, [TradeFlowOrchestrator.Reasons.RiskUnavailable], retry, "risk", e.Message);
        }

        flow.Update(j => j with { Risk = buyRisk });
        var quantity = Math.Min(input.Quantity, Math.Min(buyRisk.Quantity, sellRisk.Quantity));
        flow.Step("risk", FlowJournal.F($"buy leg {buyRisk.Verdict} {buyRisk.Quantity}, sell leg {sellRisk.Verdict} {sellRisk.Quantity}; trading {quantity}"));
        if (!buyRisk.Allowed || !sellRisk.Allowed || quantity <= 0)
        {
            IReadOnlyList<string> why = [.. buyRisk.Reasons.Select(r => "buy: " + r), .. sellRisk.Reasons.Select(r => "sell: " + r)];
            return await flow.FinishAsync(DecisionStatus.Rejected, why.Count > 0 ? why : ["nothing to trade"], retry);
        }

        // Both legs at once: the spread is now, not after the first leg filled.
        var buyLeg = LegAsync(context, flow, new OrderRequest(OrderIds.ClientOrderId(buyId), input.BuyMarket, TradeAction.Buy, quantity), buyId, input, retry);
        var sellLeg = LegAsync(context, flow, new OrderRequest(OrderIds.ClientOrderId(sellId), input.SellMarket, TradeAction.Sell, quantity), sellId, input, retry);
        var (bought, sold) = (await buyLeg, await sellLeg);
        var excess = bought - sold;
        flow.Step("legs", FlowJournal.F($"bought {bought}, sold {sold}"));
        if (Math.Abs(excess) <= quantity * Tolerance)
        {
            return await flow.FinishAsync(bought > 0 ? DecisionStatus.Executed : DecisionStatus.Rejected, bought > 0 ? [] : [TradeFlowOrchestrator.Reasons.OrderRejected], retry);
        }

        if (!input.Unwind) return await flow.FinishAsync(DecisionStatus.Failed, [Reasons.Unhedged], retry, "unwind", FlowJournal.F($"kept {excess} (unwind off)"));
        var unwindId = input.Id + "-unwind";
        var unwind = excess > 0
            ? new OrderRequest(OrderIds.ClientOrderId(unwindId), input.BuyMarket, TradeAction.Sell, excess)
            : new OrderRequest(OrderIds.ClientOrderId(unwindId), input.SellMarket, TradeAction.Buy, -excess);
        var traded = await LegAsync(context, flow, unwind, unwindId, input, retry);
        var left = Math.Abs(excess) - traded;
        return left <= quantity * Tolerance
            ? await flow.FinishAsync(DecisionStatus.Rejected, [Reasons.LegsUnwound], retry, "unwind", FlowJournal.F($"traded {traded} back on {unwind.MarketKey}"))
            : await flow.FinishAsync(DecisionStatus.Failed, [Reasons.Unhedged], retry, "unwind", FlowJournal.F($"only {traded} of {Math.Abs(excess)} traded back; {left} still unhedged"));
    }

    // One leg: place once, book what filled; returns the quantity filled (0 when refused or failed).
    private static async Task<decimal> LegAsync(TaskOrchestrationContext context, FlowJournal flow, OrderRequest request, string legId, ArbitrageInput input, TaskOptions retry)
    {
        var done = await OrderStep.RunAsync(context, flow, legId, input.StartedAt, request, null, retry);
        return done.Stage switch
        {
            OrderStep.Stage.Booked or OrderStep.Stage.BookFailed => done.Order!.FilledQuantity,
            _ => 0m,
        };
    }
}
