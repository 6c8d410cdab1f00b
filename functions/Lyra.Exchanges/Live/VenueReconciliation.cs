using System.Globalization;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Live;

/// <summary>What looking one unresolved intent up found.</summary>
/// <param name="Intent">The intent as it was.</param>
/// <param name="Result">The order's outcome now (null when the venue could not be asked).</param>
/// <param name="Resolved">True when the intent is now resolved.</param>
/// <param name="Error">Why the venue could not be asked.</param>
public sealed record IntentOutcome(OrderIntent Intent, OrderResult? Result, bool Resolved, string? Error);

/// <summary>
/// The venue side of reconciliation: every unresolved intent looked up on its (enabled) venue, and positions held on a
/// venue compared with its balances. A position the balance does not cover (less than the position minus the pair's
/// minimum quantity) is drift; coins beyond Lyra's positions are not (the account may hold more than Lyra manages, and a
/// fee taken in the base asset leaves dust).
/// </summary>
public sealed class VenueReconciliation(VenueRegistry venues, IOrderIntentStore intents)
{
    /// <summary>Looks every unresolved intent up on its venue (intents of venues that are not enabled are left).</summary>
    public async Task<IReadOnlyList<IntentOutcome>> ResolveOpenAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<IntentOutcome>();
        foreach (var intent in await intents.ListUnresolvedAsync(cancellationToken))
        {
            if (venues.Exchange(intent.Venue) is not { } exchange) continue;
            try
            {
                var result = await exchange.ResolveAsync(intent, cancellationToken);
                var after = await intents.GetAsync(intent.ClientOrderId, cancellationToken);
                outcomes.Add(new IntentOutcome(intent, result, after?.IsResolved == true, null));
            }
            catch (VenueException e)
            {
                outcomes.Add(new IntentOutcome(intent, null, false, e.Message));
            }
        }

        return outcomes;
    }

    /// <summary>The drifts between <paramref name="positions"/> (quantity by market key) and each enabled venue's balances, in words.</summary>
    public async Task<IReadOnlyList<string>> DriftsAsync(IReadOnlyDictionary<string, decimal> positions, CancellationToken cancellationToken = default)
    {
        var drifts = new List<string>();
        foreach (var venue in venues.Enabled)
        {
            var client = venues.Client(venue)!;
            var held = new Dictionary<string, (decimal Quantity, decimal Tolerance, List<string> Markets)>(StringComparer.Ordinal);
            foreach (var (key, quantity) in positions)
            {
                var parts = key.Split(':');
                if (quantity <= 0 || parts.Length != 3 || parts[0] != venue) continue;
                var instrument = await client.GetInstrumentAsync(parts[1], cancellationToken);
                var (q, t, m) = held.TryGetValue(instrument.Base, out var h) ? h : (0m, 0m, new List<string>());
                m.Add(key);
                held[instrument.Base] = (q + quantity, Math.Max(t, instrument.MinQuantity), m);
            }

            if (held.Count == 0) continue;
            var balances = (await client.GetBalancesAsync(cancellationToken)).ToDictionary(b => b.Asset, b => b.Total, StringComparer.Ordinal);
            foreach (var (asset, (quantity, tolerance, markets)) in held)
            {
                var onVenue = balances.GetValueOrDefault(asset);
                if (onVenue + tolerance >= quantity) continue;
                drifts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{venue}: Lyra holds {quantity} {asset} ({string.Join(", ", markets)}) but the venue's balance is {onVenue} {asset}"));
            }
        }

        return drifts;
    }
}
