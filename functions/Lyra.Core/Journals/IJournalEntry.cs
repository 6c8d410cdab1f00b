namespace Lyra.Core.Journals;

/// <summary>
/// An entry of a journal: listed per stream (a market), newest first, filterable by state; once final it is appended
/// to the journal's hash chain and must not change again. Implement the members explicitly so they do not become part
/// of the entry's JSON.
/// </summary>
public interface IJournalEntry
{
    /// <summary>The journal's name (its table), for example <c>decisions</c>.</summary>
    static abstract string JournalName { get; }

    /// <summary>Schema version of the entry's JSON; readers refuse entries written by a newer version.</summary>
    static abstract int SchemaVersion { get; }

    /// <summary>Unique id of the entry.</summary>
    string EntryId { get; }

    /// <summary>The stream the entry is listed under (a market key).</summary>
    string Stream { get; }

    /// <summary>The time entries of a stream are sorted by (newest first).</summary>
    DateTimeOffset SortTime { get; }

    /// <summary>The entry's state (lower case, for example <c>running</c> or <c>executed</c>); counted per stream.</summary>
    string State { get; }

    /// <summary>True once the entry no longer changes; final entries are hash-chained.</summary>
    bool IsFinal { get; }
}
