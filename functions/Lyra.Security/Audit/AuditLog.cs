using System.Globalization;
using Lyra.Core.Journals;

namespace Lyra.Security.Audit;

/// <summary>Writes and reads the audit journal (hash-chained: <see cref="IJournalStore{T}.VerifyAsync"/>).</summary>
public sealed class AuditLog(IJournalStore<AuditEntry> journal, TimeProvider time)
{
    /// <summary>This process, as entries name it.</summary>
    public static string ThisHost { get; } = Environment.MachineName + "/" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Records one act; the id and time are assigned here unless given.</summary>
    public async Task<AuditEntry> RecordAsync(string kind, string action, string actor, string via, string outcome, string? target = null, int? status = null,
        string? detail = null, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var when = at ?? time.GetUtcNow();
        var entry = new AuditEntry
        {
            Id = NewId(when),
            Time = when,
            Kind = kind,
            Action = action,
            Actor = actor,
            Via = via,
            Target = target,
            Outcome = outcome,
            Status = status,
            Host = ThisHost,
            Detail = detail,
        };
        await journal.SaveAsync(entry, cancellationToken);
        return entry;
    }

    /// <summary>The newest entries, of one kind or all, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? kind, int limit, CancellationToken cancellationToken = default) =>
        journal.ListAsync(new JournalQuery(Stream: kind, Limit: limit), cancellationToken);

    /// <summary>Walks the chain.</summary>
    public Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default) => journal.VerifyAsync(cancellationToken);

    // Time-ordered and unique across hosts.
    private static string NewId(DateTimeOffset when) =>
        "aud-" + when.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
}
