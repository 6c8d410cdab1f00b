using System.Globalization;
using Lyra.Data.Markets;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Venues;
using Lyra.Monitoring.Alerts;
using Lyra.Risk.Portfolio;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Application;

/// <summary>What one reconciliation found.</summary>
/// <param name="Checked">Unresolved intents looked at.</param>
/// <param name="Resolved">Of those, now resolved (found on the venue, or proven never to have arrived).</param>
/// <param name="StillUnknown">Of those, still unknown (the venue did not answer): raised as an alert.</param>
/// <param name="Drifts">Markets whose venue balance does not cover the book's position, in words.</param>
public sealed record ReconcileReport(int Checked, int Resolved, int StillUnknown, IReadOnlyList<string> Drifts);

/// <summary>
/// Brings Lyra's view and the venues' together (at start-up and periodically in live mode): every intent without a final
/// state is looked up on its venue, and what it filled is booked (once: a fill the flow booked already is not booked
/// again), and every position on a venue is checked against that venue's balance of its base
/// asset. A position the balance does not cover (an order Lyra booked that the venue does not show, a withdrawal) raises
/// a <see cref="AlertKinds.ReconciliationDrift"/> alert; coins the account holds beyond Lyra's positions are not drift
/// (the account may hold more than Lyra manages, and a fee taken in the base asset leaves dust).
/// </summary>
public sealed class VenueReconciler(VenueRegistry venues, IOrderIntentStore intents, IPortfolioStore portfolio, IAlertStore alerts,
    IOptions<CollectOptions> collect, ILogger<VenueReconciler> logger)
{
    /// <summary>Runs one reconciliation.</summary>
    public async Task<ReconcileReport> RunAsync(CancellationToken cancellationToken = default)
    {
        int @checked = 0, resolved = 0, unknown = 0;
        foreach (var intent in await intents.ListUnresolvedAsync(cancellationToken))
        {
            if (venues.Exchange(intent.Venue) is not { } exchange) continue;
            @checked++;
            try
            {
                var result = await exchange.ResolveAsync(intent, cancellationToken);
                var after = await intents.GetAsync(intent.ClientOrderId, cancellationToken);
                if (after?.IsResolved == true) resolved++;
                if (result.HasFinalFill)
                {
                    // Booked once: the portfolio's fill marker (by client id) makes this a no-op when the flow booked it already.
                    await portfolio.ApplyFillAsync(new Fill(result.ClientOrderId, result.MarketKey, result.Side, result.FilledQuantity, result.AveragePrice, result.Fee, result.Time),
                        new FillOrigin("reconciled:" + result.ClientOrderId, intent.CreatedAt), cancellationToken);
                }

                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Reconciled order {ClientOrderId} on {Venue}: {Status}, {Filled} filled", intent.ClientOrderId, intent.Venue, result.Status, result.FilledQuantity);
                }
            }
            catch (VenueException e)
            {
                unknown++;
                await alerts.RaiseAsync(AlertKinds.OrderUnresolved,
                    $"order {intent.ClientOrderId} on {intent.Venue} ({intent.Side} {intent.Quantity} {intent.Symbol}) is still unresolved: {e.Message}", cancellationToken);
            }
        }

        var drifts = new List<string>();
        var book = await portfolio.GetAsync(cancellationToken);
        foreach (var venue in venues.Enabled)
        {
            var client = venues.Client(venue)!;
            var markets = collect.Value.Markets.Select(m => Market.Parse(m)).Where(m => m.Exchange == venue).ToList();
            var held = new Dictionary<string, Holding>(StringComparer.Ordinal);
            foreach (var m in markets)
            {
                var position = book.Position(m.Key).Quantity;
                if (position <= 0) continue;
                var instrument = await client.GetInstrumentAsync(m.Symbol, cancellationToken);
                var h = held.TryGetValue(instrument.Base, out var e) ? e : held[instrument.Base] = new Holding();
                h.Quantity += position;
                h.Tolerance = Math.Max(h.Tolerance, instrument.MinQuantity);
                h.Markets.Add(m.Key);
            }

            if (held.Count == 0) continue;
            var balances = (await client.GetBalancesAsync(cancellationToken)).ToDictionary(b => b.Asset, b => b.Total, StringComparer.Ordinal);
            foreach (var (asset, h) in held)
            {
                var onVenue = balances.GetValueOrDefault(asset);
                if (onVenue + h.Tolerance >= h.Quantity) continue;
                var drift = string.Create(CultureInfo.InvariantCulture,
                    $"{venue}: Lyra holds {h.Quantity} {asset} ({string.Join(", ", h.Markets)}) but the venue's balance is {onVenue} {asset}");
                drifts.Add(drift);
                await alerts.RaiseAsync(AlertKinds.ReconciliationDrift, drift, cancellationToken);
                logger.LogWarning("Reconciliation drift: {Drift}", drift);
            }
        }

        return new ReconcileReport(@checked, resolved, unknown, drifts);
    }

    // What the book holds of one asset on one venue, and the venue's minimum quantity as the tolerance.
    private sealed class Holding
    {
        public decimal Quantity { get; set; }

        public decimal Tolerance { get; set; }

        public List<string> Markets { get; } = [];
    }
}
