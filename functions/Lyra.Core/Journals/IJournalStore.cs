namespace Lyra.Core.Journals;

/// <summary>
/// A journal of <typeparamref name="T"/> entries: saved and updated until final, then hash-chained so that a change to
/// any final entry, or a removed link, is detected by <see cref="VerifyAsync"/>. Entries are read back by id, per
/// stream newest first, and counted per stream and state without reading the history.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public interface IJournalStore<T> where T : class, IJournalEntry
{
    /// <summary>Most entries <see cref="ListAsync"/> serves from a stream's recent list (a point read, however long the history).</summary>
    public const int RecentCapacity = 20;

    /// <summary>Inserts or replaces an entry; a final entry is also appended to the chain (once).</summary>
    Task SaveAsync(T entry, CancellationToken cancellationToken = default);

    /// <summary>The entry with id <paramref name="id"/>, or null.</summary>
    Task<T?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<T>> ListAsync(JournalQuery query, CancellationToken cancellationToken = default);

    /// <summary>Entries per state in the given streams (from counters: the cost does not grow with the history).</summary>
    Task<IReadOnlyDictionary<string, long>> CountByStateAsync(IReadOnlyCollection<string> streams, CancellationToken cancellationToken = default);

    /// <summary>Walks the chain from its first entry and checks every link and every final entry.</summary>
    Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
