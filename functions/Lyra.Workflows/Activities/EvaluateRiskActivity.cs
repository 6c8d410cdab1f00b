using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Lyra.Monitoring.Alerts;
using Lyra.Risk.KillSwitch;
using Microsoft.DurableTask;

namespace Lyra.Workflows.Activities;

/// <summary>Step 3: the risk gate on the portfolio and the kill switch as they are now.</summary>
public sealed class EvaluateRiskActivity(RiskAssessor assessor, ITradingStateStore settings, IAlertStore alerts, IPriceSource prices)
    : TaskActivity<RiskInput, RiskDecision>
{
    /// <inheritdoc />
    public override async Task<RiskDecision> RunAsync(TaskActivityContext context, RiskInput input)
    {
        var ct = CancellationToken.None;
        using var span = Telemetry.LyraTelemetry.StartStep("risk", context.InstanceId, input.MarketKey);
        var price = await prices.GetLastPriceAsync(input.MarketKey, ct) ?? input.SignalPrice;
        var decision = await assessor.EvaluateAsync(input.MarketKey, input.Action, price, ct);
        span?.SetTag("lyra.verdict", decision.Verdict.ToString());
        if (decision.TripKillSwitch)
        {
            // The breaker stops everything, not only this order; both writes are idempotent on retry.
            var check = decision.Checks.First(c => c.Rule == RiskGate.Rules.MaxDrawdown);
            await settings.SetAsync(false, "drawdown circuit breaker: " + check.Detail, ct);
            await alerts.RaiseAsync(AlertKinds.DrawdownBreaker, $"{check.Detail}; trading stopped (decision {input.DecisionId})", cancellationToken: ct);
        }

        return decision;
    }
}
