using Lyra.Exchanges.Orders;
using Lyra.Risk.Gate;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Lyra.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Activities;

/// <summary>Step 3: the risk gate on the portfolio and the kill switch as they are now.</summary>
public sealed class EvaluateRiskActivity(
    RiskGate gate, PortfolioStore portfolio, SettingsStore settings, AlertStore alerts, IPriceSource prices, IOptions<TradingOptions> trading, TimeProvider time)
    : TaskActivity<RiskInput, RiskDecision>
{
    /// <inheritdoc />
    public override async Task<RiskDecision> RunAsync(TaskActivityContext context, RiskInput input)
    {
        var ct = CancellationToken.None;
        var state = await settings.GetTradingAsync(trading.Value.EnabledByDefault, ct);
        var snapshot = await portfolio.GetSnapshotAsync(prices, ct);
        var peak = await portfolio.UpdatePeakAsync(snapshot.Equity, ct);
        var lastLoss = (await portfolio.ListPositionsAsync(ct)).FirstOrDefault(p => p.MarketKey == input.MarketKey)?.LastLossAt;
        var price = await prices.GetLastPriceAsync(input.MarketKey, ct) ?? input.SignalPrice;
        var decision = gate.Evaluate(new RiskRequest(input.MarketKey, input.Action, price, snapshot, state.Enabled, peak, lastLoss, time.GetUtcNow()));
        if (decision.TripKillSwitch)
        {
            // The breaker stops everything, not only this order; both writes are idempotent on retry.
            var check = decision.Checks.First(c => c.Rule == RiskGate.Rules.MaxDrawdown);
            await settings.SetTradingAsync(false, "drawdown circuit breaker: " + check.Detail, ct);
            await alerts.RaiseAsync("drawdown_breaker", $"{check.Detail}; trading stopped (decision {input.DecisionId})", ct);
        }

        return decision;
    }
}
