namespace Lyra.Exchanges.Live;

/// <summary>How the live exchange resolves unknown outcomes and waits for fills.</summary>
public sealed class LiveExchangeOptions
{
    /// <summary>Lookups by client id after an unknown outcome before the order counts as never arrived.</summary>
    public int LookupAttempts { get; set; } = 3;

    /// <summary>Wait before the second lookup (doubling each time): a request may reach the venue late.</summary>
    public TimeSpan LookupGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a send it may still reach the venue (the venue's timeout plus a margin): an order not found is sent
    /// again only once its last send is older than this, whoever sent it.
    /// </summary>
    public TimeSpan InFlightWindow { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most sends of one intent (each after lookups that found nothing).</summary>
    public int MaxSends { get; set; } = 3;

    /// <summary>How long a market order is polled until the venue reports it final.</summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First poll interval while waiting for a fill (doubling, at most one second).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Minutes between reconciliations of unresolved intents and balances (also run at start-up); 0 = only at start-up.</summary>
    public double ReconcileMinutes { get; set; } = 5;

    /// <summary>Longest wait honoured for a 429's Retry-After inside one attempt; longer waits fail the attempt.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);
}
