using Lyra.Core.Hosting;
using Lyra.Core.Journals;
using Lyra.Data.Sources;
using Lyra.Exchanges.Orders;
using Lyra.Risk.KillSwitch;
using Lyra.Strategies.Signals;
using Lyra.Workflows.Application;
using Lyra.Workflows.Configuration;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Health;

/// <summary>The status of this deployment (<c>GET /api/status</c>, and the dashboard's live pulse): counters and the book, so its cost does not grow with history.</summary>
public sealed class StatusReporter(
    ITradingStateStore settings, ISignalStore signals, IJournalStore<DecisionJournal> decisions, IOrderStore orders, PortfolioValuation portfolio,
    IExchange exchange, IMarketDataSource source, IOptions<TradingOptions> trading, IOptions<CollectOptions> collect, HostInfo host, TimeProvider time)
{
    /// <summary>Builds the report now.</summary>
    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var markets = collect.Value.Markets;
        var state = await settings.GetAsync(trading.Value.EnabledByDefault, cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["signals"] = await signals.CountAsync(markets, cancellationToken) };
        var byState = await decisions.CountByStateAsync(markets, cancellationToken);
        counts["decisions"] = byState.Values.Sum();
        foreach (var s in Enum.GetValues<DecisionStatus>())
        {
            var name = DecisionJournal.StateName(s);
            counts["decisions_" + name] = byState.GetValueOrDefault(name);
        }

        counts["orders"] = await orders.CountAsync(markets, cancellationToken);
        counts["open_positions"] = (await portfolio.GetAsync(cancellationToken)).Snapshot.Positions.Count;
        return new StatusReport(Core.Api.LyraVersion.Current, host.Name, host.StartedAt, Math.Round((now - host.StartedAt).TotalSeconds, 1),
            state.Enabled, state.ChangedAt, state.Reason, markets, exchange.Name, source.Name, counts);
    }
}
