using Lyra.Core.Journals;
using Lyra.Monitoring.Metrics;
using Lyra.Workflows.Orchestration;

namespace Lyra.Api.Testing;

/// <summary>The answer of <c>GET /api/testing/performance</c>: this host's figures, benchmark-style.</summary>
/// <param name="Since">When this host started counting.</param>
/// <param name="Flows">Decision flows over the newest finished ones: from start to finish (an approval's wait included).</param>
/// <param name="FlowsPerMinute">Finished flows per minute over the span from the first's start to the last's end.</param>
/// <param name="Api">API requests of this host.</param>
/// <param name="Orders">Orders placed by this host.</param>
/// <param name="LastSelfTest">The latest self-test on this host (<c>POST /api/testing/run</c>).</param>
public sealed record PerformanceReport(DateTimeOffset Since, LatencyStats Flows, double? FlowsPerMinute, LatencyStats Api, LatencyStats Orders, SelfTestReport? LastSelfTest);

/// <summary>Builds <see cref="PerformanceReport"/> from the decision journal and the runtime metrics.</summary>
public sealed class HostPerformance(IJournalStore<DecisionJournal> decisions, RuntimeMetrics metrics, SelfTest selfTest)
{
    /// <summary>Finished flows looked at.</summary>
    public const int Window = 500;

    /// <summary>The report now.</summary>
    public async Task<PerformanceReport> BuildAsync(CancellationToken cancellationToken = default)
    {
        var flows = new LatencyWindow();
        DateTimeOffset? first = null, last = null;
        var finished = 0;
        foreach (var state in new[] { DecisionStatus.Executed, DecisionStatus.Rejected, DecisionStatus.Failed })
        {
            foreach (var j in await decisions.ListAsync(new JournalQuery(State: DecisionJournal.StateName(state), Limit: Window), cancellationToken))
            {
                if (j.CompletedAt is not { } done || done < j.StartedAt) continue;
                flows.Record((done - j.StartedAt).TotalMilliseconds);
                finished++;
                first = first is { } f && f < j.StartedAt ? f : j.StartedAt;
                last = last is { } l && l > done ? l : done;
            }
        }

        double? perMinute = first is { } a && last is { } b && b > a ? Math.Round(finished / (b - a).TotalMinutes, 2) : null;
        return new PerformanceReport(metrics.Since, flows.Snapshot(), perMinute, metrics.ApiOverall(), metrics.Exchange, selfTest.Last);
    }
}
