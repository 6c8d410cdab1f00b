using System.Collections.Concurrent;

namespace Lyra.Security.Audit;

/// <summary>
/// Secret reads waiting to be written to the audit journal. Vaults are read while the configuration is built, before
/// storage is reachable, so they note each read here and <see cref="SecretReadAuditor"/> writes them once the host runs.
/// Bounded: when the journal cannot be written for long, the oldest notes are dropped and the drop is counted.
/// </summary>
public sealed class SecretReads
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<SecretRead> _queue = new();
    private long _dropped;

    /// <summary>Reads dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Notes that <paramref name="name"/> was read from <paramref name="source"/>.</summary>
    public void Record(string name, string source, bool found, DateTimeOffset at)
    {
        _queue.Enqueue(new SecretRead(name, source, found, at));
        while (_queue.Count > Capacity && _queue.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Takes up to <paramref name="max"/> notes, oldest first.</summary>
    public IReadOnlyList<SecretRead> Take(int max)
    {
        var list = new List<SecretRead>();
        while (list.Count < max && _queue.TryDequeue(out var r)) list.Add(r);
        return list;
    }

    /// <summary>Puts notes back (their write failed) so the next round tries again.</summary>
    public void Return(IEnumerable<SecretRead> reads)
    {
        foreach (var r in reads) _queue.Enqueue(r);
    }
}

/// <summary>One secret read: which secret (never its value), from which vault, whether it existed, when.</summary>
public sealed record SecretRead(string Name, string Source, bool Found, DateTimeOffset At);
