using System.Collections.Concurrent;
using Lyra.Core.Ids;
using Lyra.Risk.Gate;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>
/// Watches open positions on every market update: the <see cref="StopChecker"/> runs inline (moving trailing stops), and
/// only when a stop or the take profit is hit is the position's durable PositionMonitor woken to sell, exactly once. The
/// monitor (one per position, instance id from the entry decision) is started with the position's first update and
/// also checks at its heartbeat. Checking inline keeps durable work, and its storage traffic, to one step per exit
/// instead of one orchestration step per candle.
/// </summary>
public sealed class PositionMonitors(IPortfolioStore portfolio, StopChecker stops, IOptionsMonitor<RiskLimits> limits)
{
    private readonly ConcurrentDictionary<string, byte> _ensured = new(StringComparer.Ordinal);

    /// <summary>The monitor instance id of the position opened by <paramref name="entryDecisionId"/>.</summary>
    public static string InstanceId(string entryDecisionId) => DeterministicId.From("pm-", 24, entryDecisionId);

    /// <summary>
    /// Checks <paramref name="marketKey"/>'s open position against its stops after the candle at <paramref name="candleTime"/>
    /// closed, and wakes its monitor when one was hit; returns the monitor's id, or null without a monitored position.
    /// </summary>
    public async Task<string?> NotifyAsync(string marketKey, DateTimeOffset candleTime, ITradeFlowClient flows, CancellationToken cancellationToken = default)
    {
        var p = (await portfolio.GetAsync(cancellationToken)).Position(marketKey);
        if (p.Quantity <= 0 || p.Stops is null || p.EntryDecisionId is null) return null;
        var id = InstanceId(p.EntryDecisionId);
        var input = new MonitorInput(marketKey, p.EntryDecisionId, limits.CurrentValue.Stops.MonitorHeartbeatSeconds);
        // Once per position per process (a restart ensures it again): the engine is not asked on every candle.
        if (_ensured.TryAdd(id, 0)) await flows.EnsurePositionMonitorAsync(id, input, cancellationToken);
        var check = await stops.CheckAsync(input, p, candleTime, cancellationToken);
        if (check.Status != "exit") return id;
        await flows.EnsurePositionMonitorAsync(id, input, cancellationToken); // it may have ended meanwhile
        await flows.RaisePriceTickAsync(id, new PriceTick(candleTime), cancellationToken);
        return id;
    }
}
