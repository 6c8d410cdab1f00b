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
    RiskGate gate, PortfolioStore portfolio, SettingsStore settings, IPriceSource prices, IOptions<TradingOptions> trading)
    : TaskActivity<RiskInput, RiskDecision>
{
    /// <inheritdoc />
    public override async Task<RiskDecision> RunAsync(TaskActivityContext context, RiskInput input)
    {
        var ct = CancellationToken.None;
        var state = await settings.GetTradingAsync(trading.Value.EnabledByDefault, ct);
        var snapshot = await portfolio.GetSnapshotAsync(prices, ct);
        var price = await prices.GetLastPriceAsync(input.MarketKey, ct) ?? input.SignalPrice;
        return gate.Evaluate(new RiskRequest(input.MarketKey, input.Action, price, snapshot, state.Enabled));
    }
}
