namespace Lyra.Exchanges.Venues;

/// <summary>A venue's instrument list, loaded once per time-to-live and looked up by normalized or venue symbol.</summary>
public sealed class InstrumentCache(string venue, TimeProvider time, TimeSpan timeToLive)
{
    private (DateTimeOffset LoadedAt, IReadOnlyList<Instrument> List, Dictionary<string, Instrument> BySymbol)? _current;

    /// <summary>The list, loading it with <paramref name="load"/> when missing or older than the time-to-live.</summary>
    public async Task<IReadOnlyList<Instrument>> GetAsync(Func<CancellationToken, Task<IReadOnlyList<Instrument>>> load, CancellationToken cancellationToken)
    {
        return (await CurrentAsync(load, cancellationToken)).List;
    }

    /// <summary>One instrument by normalized (<c>BTC/USDT</c>) or venue spelling.</summary>
    /// <exception cref="VenueException">The venue lists no such pair (<see cref="VenueErrorKind.Rejected"/>).</exception>
    public async Task<Instrument> FindAsync(string symbol, Func<CancellationToken, Task<IReadOnlyList<Instrument>>> load, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(load, cancellationToken);
        return current.BySymbol.TryGetValue(symbol.ToUpperInvariant(), out var i) ? i
            : throw new VenueException(venue, VenueErrorKind.Rejected, $"has no pair '{symbol}'", code: "unknown_pair");
    }

    private async Task<(DateTimeOffset LoadedAt, IReadOnlyList<Instrument> List, Dictionary<string, Instrument> BySymbol)> CurrentAsync(
        Func<CancellationToken, Task<IReadOnlyList<Instrument>>> load, CancellationToken cancellationToken)
    {
        // Two callers racing on an expired list both load it; the list is small and the last one wins.
        if (_current is { } c && time.GetUtcNow() - c.LoadedAt < timeToLive) return c;
        var list = await load(cancellationToken);
        var by = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var i in list)
        {
            by[i.Symbol] = i;
            by.TryAdd(i.VenueSymbol.ToUpperInvariant(), i);
            by.TryAdd(i.Base + i.Quote, i); // BTCUSDT, as in a market key without separator
        }

        var loaded = (time.GetUtcNow(), list, by);
        _current = loaded;
        return loaded;
    }
}
