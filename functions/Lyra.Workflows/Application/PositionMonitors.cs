using Lyra.Core.Ids;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>
/// Keeps one PositionMonitor per open position: when a candle of a market closes, the monitor of that market's open
/// position is started if it is not running and told about the candle. The instance id derives from the entry decision,
/// so repeated updates never start a second monitor for the same position.
/// </summary>
public sealed class PositionMonitors(IPortfolioStore portfolio, IOptions<RiskLimits> limits)
{
    /// <summary>The monitor instance id of the position opened by <paramref name="entryDecisionId"/>.</summary>
    public static string InstanceId(string entryDecisionId) => DeterministicId.From("pm-", 24, entryDecisionId);

    /// <summary>Ensures the monitor of <paramref name="marketKey"/>'s open position runs and sends it the tick; returns its id, or null without a monitored position.</summary>
    public async Task<string?> NotifyAsync(string marketKey, DateTimeOffset candleTime, ITradeFlowClient flows, CancellationToken cancellationToken = default)
    {
        var p = (await portfolio.GetAsync(cancellationToken)).Position(marketKey);
        if (p.Quantity <= 0 || p.Stops is null || p.EntryDecisionId is null) return null;
        var id = InstanceId(p.EntryDecisionId);
        await flows.EnsurePositionMonitorAsync(id, new MonitorInput(marketKey, p.EntryDecisionId, limits.Value.Stops.MonitorHeartbeatSeconds), cancellationToken);
        await flows.RaisePriceTickAsync(id, new PriceTick(candleTime), cancellationToken);
        return id;
    }
}
