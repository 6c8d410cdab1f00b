using System.Globalization;
using Lyra.Ai.Costs;
using Lyra.Core.Health;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Venues;
using Lyra.Monitoring.Alerts;

namespace Lyra.Workflows.Application;

/// <summary>
/// Turns what the health probes, the AI cost ledger and the order ledger see into alerts: an exchange down, voters
/// failing, stale market data, an AI budget used up, a market order in flight for too long. Run every minute (the
/// timer in Azure, a hosted service locally); repeats of an open alert are counted on it, not raised again.
/// </summary>
public sealed class AlertMonitor(IEnumerable<IHealthProbe> probes, CostManager costs, IOrderIntentStore intents, IAlertStore alerts, TimeProvider time)
{
    /// <summary>A market order unresolved this long is stuck (it fills or fails within seconds on every venue).</summary>
    public static TimeSpan MarketOrderStuckAfter { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs every check once; returns the alerts newly raised (repeats of open ones are not counted here).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var raised = 0;
        foreach (var h in await Task.WhenAll(probes.Select(p => p.CheckAsync(cancellationToken))))
        {
            var (kind, alarming) = h.Module switch
            {
                "market_data" => (AlertKinds.StaleMarketData, h.Status != ModuleHealth.Healthy),
                "ai_voters" => (AlertKinds.VoterErrors, h.Status != ModuleHealth.Healthy),
                "storage" => (null, false), // an alert could not be written anyway; the storage watchdog and health say it
                _ => (AlertKinds.ExchangeDown, h.Status == ModuleHealth.Unhealthy),
            };
            if (kind is not null && alarming && await alerts.RaiseAsync(kind, $"{h.Module}: {h.Detail}", h.Module, cancellationToken)) raised++;
        }

        var (today, month) = await costs.ReportAsync(cancellationToken);
        foreach (var (period, label) in new[] { (today, "daily"), (month, "monthly") })
        {
            if (period.RemainingUsd is <= 0 && await alerts.RaiseAsync(AlertKinds.AiBudgetReached,
                string.Create(CultureInfo.InvariantCulture, $"the {label} AI budget of US$ {period.BudgetUsd} is used up ({period.Period}: spent US$ {period.TotalUsd}): paid voters are skipped"),
                period.Period, cancellationToken))
            {
                raised++;
            }
        }

        var now = time.GetUtcNow();
        foreach (var i in await intents.ListUnresolvedAsync(cancellationToken))
        {
            if (i.Type != OrderType.Market || now - i.CreatedAt < MarketOrderStuckAfter) continue;
            var message = string.Create(CultureInfo.InvariantCulture,
                $"market order {i.ClientOrderId} on {i.Venue} ({i.Side} {i.Quantity} {i.Symbol}) unresolved for {(now - i.CreatedAt).TotalMinutes:0} min, state {i.State}, {i.Sends} send(s){(i.LastError is { } e ? "; last error: " + e : "")}");
            if (await alerts.RaiseAsync(AlertKinds.OrderStuck, message, i.ClientOrderId, cancellationToken)) raised++;
        }

        return raised;
    }
}
