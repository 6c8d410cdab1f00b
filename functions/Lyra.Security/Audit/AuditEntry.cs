using Lyra.Core.Journals;

namespace Lyra.Security.Audit;

/// <summary>
/// One audited act: a control action through the API (allowed or refused), a secret read from a vault, a settings
/// change. Kept in the <c>audit</c> journal, one stream per <see cref="Kind"/>, and hash-chained at once (every entry is
/// final), so a changed or removed entry is found by the chain check like a decision journal's.
/// </summary>
public sealed record AuditEntry : IJournalEntry
{
    /// <summary>Schema version of the stored entry.</summary>
    public const int CurrentSchemaVersion = 1;

    static string IJournalEntry.JournalName => AuditKinds.JournalName;
    static int IJournalEntry.SchemaVersion => CurrentSchemaVersion;
    string IJournalEntry.EntryId => Id;
    string IJournalEntry.Stream => Kind;
    DateTimeOffset IJournalEntry.SortTime => Time;
    string IJournalEntry.State => Outcome;
    bool IJournalEntry.IsFinal => true;

    /// <summary>Unique id (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary><see cref="AuditKinds.Control"/>, <see cref="AuditKinds.Secret"/> or <see cref="AuditKinds.Config"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>What was done: the route (<c>TradingStop</c>), <c>secret.read</c>, <c>config.update</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Who: a principal's name, <c>api-key</c>, <c>no-auth</c>, or the host that read a secret.</summary>
    public required string Actor { get; init; }

    /// <summary>How the actor was recognised (<c>app-service-auth</c>, <c>api-key</c>, <c>no-auth</c>, <c>host</c>).</summary>
    public required string Via { get; init; }

    /// <summary>What it was done to: a decision or order id, a secret's name (never its value), setting keys.</summary>
    public string? Target { get; init; }

    /// <summary><c>done</c>, <c>refused</c> (401/403), <c>failed</c> (any other error), <c>read</c> or <c>missing</c> (secrets).</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status answered, for API actions.</summary>
    public int? Status { get; init; }

    /// <summary>The host that recorded it (machine and process).</summary>
    public required string Host { get; init; }

    /// <summary>A short reason (why it was refused; which settings changed, old → new, secrets masked).</summary>
    public string? Detail { get; init; }
}
