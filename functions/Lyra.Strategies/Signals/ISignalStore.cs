namespace Lyra.Strategies.Signals;

/// <summary>The signals strategies produced, per market newest first.</summary>
public interface ISignalStore
{
    /// <summary>Stores a signal; storing it again changes nothing.</summary>
    Task SaveAsync(Signal signal, CancellationToken cancellationToken = default);

    /// <summary>The signal of <paramref name="strategy"/> on <paramref name="marketKey"/>'s candle at <paramref name="candleTime"/>, or null.</summary>
    Task<Signal?> GetAsync(string marketKey, DateTimeOffset candleTime, string strategy, CancellationToken cancellationToken = default);

    /// <summary>The newest signals (of one market when given), newest first.</summary>
    Task<IReadOnlyList<Signal>> ListAsync(string? marketKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>Signals stored in the given markets (from counters: the cost does not grow with the history).</summary>
    Task<long> CountAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default);
}
