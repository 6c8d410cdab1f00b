using Lyra.Exchanges.Live;
using Lyra.Monitoring.Alerts;
using Lyra.Risk.Portfolio;
using Microsoft.Extensions.Logging;

namespace Lyra.Workflows.Application;

/// <summary>What one reconciliation found.</summary>
/// <param name="Checked">Unresolved intents looked at.</param>
/// <param name="Resolved">Of those, now resolved (found on the venue, or proven never to have arrived).</param>
/// <param name="StillUnknown">Of those, still unknown (the venue did not answer): raised as an alert.</param>
/// <param name="Drifts">Markets whose venue balance does not cover the book's position, in words.</param>
public sealed record ReconcileReport(int Checked, int Resolved, int StillUnknown, IReadOnlyList<string> Drifts);

/// <summary>
/// Brings Lyra's view and the venues' together (at start-up and periodically in live mode): what the venues say of every
/// unresolved intent (<see cref="VenueReconciliation"/>) is booked — once: a fill the flow booked already is not booked
/// again — and positions the venues' balances do not cover raise <see cref="AlertKinds.ReconciliationDrift"/>; an order
/// whose venue does not answer raises <see cref="AlertKinds.OrderUnresolved"/>.
/// </summary>
public sealed class VenueReconciler(VenueReconciliation venues, IPortfolioStore portfolio, IAlertStore alerts, ILogger<VenueReconciler> logger)
{
    /// <summary>Runs one reconciliation.</summary>
    public async Task<ReconcileReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = await venues.ResolveOpenAsync(cancellationToken);
        foreach (var o in outcomes)
        {
            if (o.Result is { HasFinalFill: true } r)
            {
                // The portfolio's fill marker (by client id) makes this a no-op when the flow booked it already.
                await portfolio.ApplyFillAsync(new Fill(r.ClientOrderId, r.MarketKey, r.Side, r.FilledQuantity, r.AveragePrice, r.Fee, r.Time),
                    new FillOrigin("reconciled:" + r.ClientOrderId, o.Intent.CreatedAt), cancellationToken);
            }
            else if (o.Error is { } error)
            {
                var i = o.Intent;
                await alerts.RaiseAsync(AlertKinds.OrderUnresolved, $"order {i.ClientOrderId} on {i.Venue} ({i.Side} {i.Quantity} {i.Symbol}) is still unresolved: {error}", i.ClientOrderId, cancellationToken);
            }
        }

        var book = await portfolio.GetAsync(cancellationToken);
        var drifts = await venues.DriftsAsync(book.Positions.ToDictionary(p => p.Key, p => p.Value.Quantity, StringComparer.Ordinal), cancellationToken);
        foreach (var drift in drifts)
        {
            // One open drift alert per venue and asset ("gateio: Lyra holds 0.5 BTC (...) but ..."): found again every 5 minutes, it is counted.
            var words = drift.Split(' ');
            var subject = words.Length > 4 ? words[0].TrimEnd(':') + ":" + words[4] : drift;
            await alerts.RaiseAsync(AlertKinds.ReconciliationDrift, drift, subject, cancellationToken);
            logger.LogWarning("Reconciliation drift: {Drift}", drift);
        }

        return new ReconcileReport(outcomes.Count, outcomes.Count(o => o.Resolved), outcomes.Count(o => o.Error is not null), drifts);
    }
}
