using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Journals;
using Lyra.Data.Updates;
using Lyra.Monitoring.Metrics;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Monitoring;

/// <summary>
/// <c>GET /api/monitoring/metrics</c>: this host's API latency (overall and per route), exchange and voter latency and
/// error rates (<see cref="RuntimeMetrics"/>), signal→order latency of the newest executed decisions, the market-update
/// queue's backlog and the flows running.
/// </summary>
public sealed class MetricsApi(RuntimeMetrics metrics, IJournalStore<DecisionJournal> decisions, IMarketUpdatePublisher queue, IOptions<CollectOptions> collect,
    TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.MonitoringMetrics];

    /// <inheritdoc />
    public async Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        request.Query();
        // Signal→order: from the flow's start (the signal accepted) to the order's answer, over the newest executed decisions.
        var executed = await decisions.ListAsync(new JournalQuery(State: DecisionJournal.StateName(DecisionStatus.Executed), Limit: 200), cancellationToken);
        var toOrder = new LatencyWindow();
        foreach (var j in executed)
        {
            if (j.Order is { } o && o.Time >= j.StartedAt) toOrder.Record((o.Time - j.StartedAt).TotalMilliseconds);
        }

        var counts = await decisions.CountByStateAsync(collect.Value.Markets, cancellationToken);
        var report = new MetricsReport(
            metrics.Since,
            metrics.ApiOverall(),
            metrics.Api,
            metrics.Exchange,
            metrics.Voters,
            toOrder.Snapshot(),
            await queue.BacklogAsync(cancellationToken),
            counts.GetValueOrDefault(DecisionJournal.StateName(DecisionStatus.Running)),
            counts.GetValueOrDefault(DecisionJournal.StateName(DecisionStatus.AwaitingApproval)));
        return ApiResult.Ok(report, ApiRoutes.MonitoringMetrics.Module, time.GetUtcNow());
    }
}

/// <summary>The answer of <c>GET /api/monitoring/metrics</c>.</summary>
/// <param name="Since">When this host started counting.</param>
/// <param name="Api">Every API request (failures: 5xx).</param>
/// <param name="ApiByRoute">Per route.</param>
/// <param name="Exchange">Orders placed (failures: the order step failed).</param>
/// <param name="Voters">Per voter (failures: abstentions).</param>
/// <param name="SignalToOrder">From a decision's start to its order's answer, over the newest executed decisions.</param>
/// <param name="QueueBacklog">Market updates waiting for the signal step.</param>
/// <param name="FlowsRunning">Decisions running now (the configured markets).</param>
/// <param name="FlowsAwaitingApproval">Decisions waiting for a person.</param>
public sealed record MetricsReport(DateTimeOffset Since, LatencyStats Api, IReadOnlyDictionary<string, LatencyStats> ApiByRoute, LatencyStats Exchange,
    IReadOnlyDictionary<string, LatencyStats> Voters, LatencyStats SignalToOrder, int QueueBacklog, long FlowsRunning, long FlowsAwaitingApproval);
