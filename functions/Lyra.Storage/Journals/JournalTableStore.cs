using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyra.Core.Journals;
using Lyra.Storage.Persistence;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Journals;

/// <summary>
/// A journal in one table (named by <see cref="IJournalEntry.JournalName"/>). Each stream (market) is a partition with
/// one row per entry (RowKey <c>inverted time|id</c>, newest first) holding the entry as a versioned document, a
/// <c>~counts</c> row (entries per state) and a <c>~recent</c> row (the newest <see cref="IJournalStore{T}.RecentCapacity"/>
/// row keys), both written in the entry's transaction, so counting and listing a stream's latest entries are point reads.
/// The <c>byid</c> partition maps ids to rows. Final entries are appended to a hash chain (partition <c>chain</c>):
/// link n stores SHA-256(hash n-1 | id | SHA-256 of the stored document), so a changed entry or a removed link is
/// detected by <see cref="VerifyAsync"/>; a final entry is never overwritten. Rows written before documents were
/// versioned (property <c>Journal</c>) read the same.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class JournalTableStore<T>(TableProvider tables) : IJournalStore<T> where T : class, IJournalEntry
{
    private const string IndexPartition = "byid";
    private const string ChainPartition = "chain";
    private const string CountsRow = "~counts";
    private const string RecentRow = "~recent";
    private const string LegacyJson = "Journal";
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly int Recent = IJournalStore<T>.RecentCapacity;

    /// <inheritdoc />
    public async Task SaveAsync(T entry, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var rowKey = RowKey(entry);
        var json = PersistenceJson.Serialize(entry);
        var stored = await OptimisticRetry.RunAsync(async () =>
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(entry.Stream, rowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && IsFinal(existing.Value!))
            {
                // Chained: its stored form is what the chain vouches for. A retried save of the same entry lands here.
                return Document(existing.Value!);
            }

            var (counts, countsTag) = await ReadCountsAsync(table, entry.Stream, cancellationToken);
            var (recent, recentTag) = await ReadRecentAsync(table, entry.Stream, cancellationToken);
            if (existing.HasValue) Add(counts, StateOf(existing.Value!), -1);
            Add(counts, entry.State, 1);
            if (!recent.Contains(rowKey))
            {
                recent.Add(rowKey);
                recent.Sort(StringComparer.Ordinal);
                if (recent.Count > Recent) recent.RemoveRange(Recent, recent.Count - Recent);
            }

            var row = new TableEntity(entry.Stream, rowKey) { ["EntryId"] = entry.EntryId, ["State"] = entry.State, ["Final"] = entry.IsFinal };
            TableDocument.Write(row, json, T.SchemaVersion);
            var recentRow = new TableEntity(entry.Stream, RecentRow) { ["Rows"] = JsonSerializer.Serialize(recent) };
            await table.SubmitTransactionAsync(
            [
                OptimisticRetry.Write(row, existing.HasValue ? existing.Value!.ETag : null),
                OptimisticRetry.Write(counts, countsTag),
                OptimisticRetry.Write(recentRow, recentTag),
            ], cancellationToken);
            return json;
        }, cancellationToken);

        await table.UpsertEntityAsync(new TableEntity(IndexPartition, Escape(entry.EntryId)) { ["Stream"] = entry.Stream, ["Row"] = rowKey }, TableUpdateMode.Replace, cancellationToken);
        if (entry.IsFinal) await AppendToChainAsync(table, entry.EntryId, stored, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        return await GetRowAsync(table, id, cancellationToken) is { } row ? Read(table, row) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<T>> ListAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        if (query is { Stream: { } stream, State: null, From: null, To: null } && query.Limit <= Recent)
        {
            var recentRow = await table.GetEntityIfExistsAsync<TableEntity>(stream, RecentRow, cancellationToken: cancellationToken);
            if (recentRow.HasValue)
            {
                var list = new List<T>();
                foreach (var key in Rows(recentRow.Value!).Take(query.Limit))
                {
                    var row = await table.GetEntityIfExistsAsync<TableEntity>(stream, key, cancellationToken: cancellationToken);
                    if (row.HasValue) list.Add(Read(table, row.Value!));
                }

                return list;
            }
        }

        var lo = query.To is { } to ? TableKeys.Descending(to) : "";
        var hi = query.From is { } from ? TableKeys.Descending(from) + "|~" : "~";
        var found = new List<(string RowKey, T Entry)>();
        if (query.Stream is { } s)
        {
            await TakeNewestAsync(table, s, lo, hi, query.State, query.Limit, long.MaxValue, found, cancellationToken);
        }
        else
        {
            // Every stream has a counts row (written with each entry): the streams, and how many entries of the asked
            // state each holds, in one read. Each stream then yields its newest matches (rows come newest first) and the
            // lists are merged, so a page costs streams × limit rows, not the whole history; a stream without entries in
            // the asked state is not read at all (the approval inbox).
            await foreach (var counts in table.QueryAsync<TableEntity>(e => e.RowKey == CountsRow, cancellationToken: cancellationToken))
            {
                var expected = query.State is { } st ? counts.GetInt64("n_" + st) ?? 0 : long.MaxValue;
                if (expected == 0) continue;
                await TakeNewestAsync(table, counts.PartitionKey, lo, hi, query.State, query.Limit, expected, found, cancellationToken);
            }
        }

        return [.. found.OrderBy(x => x.RowKey, StringComparer.Ordinal).Select(x => x.Entry).Take(query.Limit)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(IReadOnlyCollection<string> streams, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var total = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var (counts, _) = await ReadCountsAsync(table, stream, cancellationToken);
            foreach (var (name, value) in counts)
            {
                if (name.StartsWith("n_", StringComparison.Ordinal) && value is long n) total[name[2..]] = total.GetValueOrDefault(name[2..]) + n;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        // The head first: entries chained while this runs come after it and are left for the next verification (reading
        // the head last would call every concurrent append a removed entry).
        var head = await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, "head", cancellationToken: cancellationToken);
        var last = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : long.MaxValue;
        var previous = Genesis;
        var count = 0;
        var expectedSeq = 1L;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == ChainPartition && x.RowKey.CompareTo("e") >= 0 && x.RowKey.CompareTo("f") < 0, cancellationToken: cancellationToken))
        {
            var seq = long.Parse(e.RowKey[1..], CultureInfo.InvariantCulture);
            if (seq > last) break;
            var id = e.GetString("DecisionId");
            if (seq != expectedSeq) return new(false, count, expectedSeq, null, $"entry {expectedSeq} is missing");
            if (e.GetString("PreviousHash") != previous) return new(false, count, seq, id, "previous-hash link does not match the entry before it");
            if (Link(previous, id, e.GetString("JournalHash")) != e.GetString("Hash")) return new(false, count, seq, id, "entry hash does not match its contents");
            var row = await GetRowAsync(table, id, cancellationToken);
            if (row is null) return new(false, count, seq, id, "the entry is missing");
            if (Sha256(Document(row)) != e.GetString("JournalHash")) return new(false, count, seq, id, "the entry was changed after it was chained");
            previous = e.GetString("Hash");
            count++;
            expectedSeq++;
        }

        if (head.HasValue && (count != last || head.Value!.GetString("Hash") != previous))
        {
            return new(false, count, count + 1, null, "the chain head does not match the last entry (entries removed?)");
        }

        return new(true, count, null, null, null);
    }

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(T.JournalName, ct);

    private static string RowKey(T entry) => TableKeys.Descending(entry.SortTime) + "|" + entry.EntryId;

    // Ids are keys in the index and chain partitions, which may not hold '/', '\', '#' or '?'.
    private static string Escape(string id) => TableKeys.Escape(id);

    private static async Task<TableEntity?> GetRowAsync(TableClient table, string id, CancellationToken ct)
    {
        var index = await table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, Escape(id), cancellationToken: ct);
        if (!index.HasValue) return null;
        var i = index.Value!;
        // The first layout named the stream "MarketKey".
        var stream = i.GetString("Stream") ?? i.GetString("MarketKey");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(stream, i.GetString("Row"), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private static T Read(TableClient table, TableEntity row) =>
        PersistenceJson.Deserialize<T>(Document(row), $"{table.Name}/{row.PartitionKey}/{row.RowKey}");

    private static string Document(TableEntity row) =>
        TableDocument.Read(row, T.SchemaVersion) ?? row.GetString(LegacyJson)
        ?? throw new InvalidDataException($"{row.PartitionKey}/{row.RowKey} holds no journal entry.");

    // The first layout stored the state as the C# enum name ("AwaitingApproval") and no final flag.
    private static string StateOf(TableEntity row) =>
        row.GetString("State") ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(row.GetString("Status") ?? "");

    private static bool IsFinal(TableEntity row) => row.GetBoolean("Final") ?? row.GetString("Status") is "Executed" or "Rejected" or "Failed";

    private static void Add(TableEntity counts, string state, long by) => counts["n_" + state] = Math.Max(0, (counts.GetInt64("n_" + state) ?? 0) + by);

    // The newest rows of one stream in [lo, hi) (in the asked state), at most limit, stopping once all it holds are found.
    private static async Task TakeNewestAsync(TableClient table, string stream, string lo, string hi, string? state, int limit, long holds, List<(string RowKey, T Entry)> into,
        CancellationToken ct)
    {
        var taken = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == stream && x.RowKey.CompareTo(lo) >= 0 && x.RowKey.CompareTo(hi) < 0,
            maxPerPage: state is null ? Math.Min(limit, 1000) : null, cancellationToken: ct))
        {
            if (state is not null && StateOf(e) != state) continue;
            into.Add((e.RowKey, Read(table, e)));
            if (++taken >= limit || taken >= holds) return;
        }
    }

    private static List<string> Rows(TableEntity recent) =>
        recent.GetString("Rows") is { Length: > 0 } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];

    // Counts per state; a stream written before counters existed is counted once, from its rows.
    private static async Task<(TableEntity Row, ETag? ETag)> ReadCountsAsync(TableClient table, string stream, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(stream, CountsRow, cancellationToken: ct);
        if (row.HasValue) return (row.Value!, row.Value!.ETag);
        var counts = new TableEntity(stream, CountsRow);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == stream && x.RowKey.CompareTo("~") < 0, select: ["State", "Status"], cancellationToken: ct))
        {
            Add(counts, StateOf(e), 1);
        }

        return (counts, null);
    }

    private static async Task<(List<string> Rows, ETag? ETag)> ReadRecentAsync(TableClient table, string stream, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(stream, RecentRow, cancellationToken: ct);
        if (row.HasValue) return (Rows(row.Value!), row.Value!.ETag);
        var rows = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == stream && x.RowKey.CompareTo("~") < 0, maxPerPage: Recent, select: ["RowKey"], cancellationToken: ct))
        {
            rows.Add(e.RowKey);
            if (rows.Count >= Recent) break;
        }

        return (rows, null);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Link(string previous, string id, string documentHash) => Sha256(previous + "|" + id + "|" + documentHash);

    private static async Task AppendToChainAsync(TableClient table, string id, string document, CancellationToken ct)
    {
        var documentHash = Sha256(document);
        var marker = "id|" + Escape(id);
        await OptimisticRetry.RunAsync(async () =>
        {
            // One link per entry: a retried save finds its marker and stops.
            if ((await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, marker, cancellationToken: ct)).HasValue) return false;
            var head = await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, "head", cancellationToken: ct);
            var seq = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0;
            var previous = head.HasValue ? head.Value!.GetString("Hash") : Genesis;
            var hash = Link(previous, id, documentHash);
            await table.SubmitTransactionAsync(
            [
                OptimisticRetry.Write(new TableEntity(ChainPartition, "head") { ["Seq"] = seq + 1, ["Hash"] = hash }, head.HasValue ? head.Value!.ETag : null),
                new(TableTransactionActionType.Add, new TableEntity(ChainPartition, "e" + (seq + 1).ToString("D12", CultureInfo.InvariantCulture))
                {
                    ["DecisionId"] = id, ["JournalHash"] = documentHash, ["PreviousHash"] = previous, ["Hash"] = hash,
                }),
                new(TableTransactionActionType.Add, new TableEntity(ChainPartition, marker) { ["Seq"] = seq + 1 }),
            ], ct);
            return true;
        }, ct);
    }
}
