using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyra.Data.Storage;
using Lyra.Workflows.Api;
using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Storage;

/// <summary>
/// The decision journal: one row per decision in its market's partition (newest first), holding the journal as JSON,
/// plus an index row per id in the <c>byid</c> partition for direct lookup. Finished decisions are also appended to a
/// hash chain (partition <c>chain</c>): entry n stores SHA-256(hash of entry n-1 | decision id | SHA-256 of the stored
/// journal JSON), so changing any past journal, or any link, is detected by <see cref="VerifyAsync"/>.
/// </summary>
public sealed class DecisionStore(TableProvider tables)
{
    private const string IndexPartition = "byid";
    private const string ChainPartition = "chain";
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Result of walking the chain.</summary>
    /// <param name="Intact">True when every link and every journal matches.</param>
    /// <param name="Entries">Entries checked.</param>
    /// <param name="FirstBroken">Sequence number of the first bad entry.</param>
    /// <param name="DecisionId">Its decision.</param>
    /// <param name="Reason">What does not match.</param>
    public sealed record ChainVerification(bool Intact, int Entries, long? FirstBroken, string? DecisionId, string? Reason);

    /// <summary>Inserts or replaces the journal of a decision.</summary>
    public async Task SaveAsync(DecisionJournal journal, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Decisions, cancellationToken);
        var rowKey = TableKeys.Descending(journal.Signal.CandleTime) + "|" + journal.Id;
        var json = JsonSerializer.Serialize(journal, LyraJson.Options);
        await table.UpsertEntityAsync(new TableEntity(journal.Signal.MarketKey, rowKey)
        {
            ["DecisionId"] = journal.Id,
            ["Status"] = journal.Status.ToString(),
            ["Reasons"] = string.Join(',', journal.Reasons),
            ["Journal"] = json,
        }, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(IndexPartition, journal.Id) { ["MarketKey"] = journal.Signal.MarketKey, ["Row"] = rowKey }, TableUpdateMode.Replace, cancellationToken);
        // Only final journals are chained; running and awaiting-approval states still change.
        if (journal.Status is DecisionStatus.Executed or DecisionStatus.Rejected or DecisionStatus.Failed) await AppendToChainAsync(table, journal.Id, json, cancellationToken);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Link(string previous, string decisionId, string journalHash) => Sha256(previous + "|" + decisionId + "|" + journalHash);

    private static async Task AppendToChainAsync(TableClient table, string decisionId, string json, CancellationToken ct)
    {
        var journalHash = Sha256(json);
        for (var attempt = 1; ; attempt++)
        {
            var head = await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, "head", cancellationToken: ct);
            var seq = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0;
            var previous = head.HasValue ? head.Value!.GetString("Hash") : Genesis;
            var hash = Link(previous, decisionId, journalHash);
            var headEntity = new TableEntity(ChainPartition, "head") { ["Seq"] = seq + 1, ["Hash"] = hash };
            var actions = new List<TableTransactionAction>
            {
                head.HasValue ? new(TableTransactionActionType.UpdateReplace, headEntity, head.Value!.ETag) : new(TableTransactionActionType.Add, headEntity),
                new(TableTransactionActionType.Add, new TableEntity(ChainPartition, "e" + (seq + 1).ToString("D12", CultureInfo.InvariantCulture))
                {
                    ["DecisionId"] = decisionId, ["JournalHash"] = journalHash, ["PreviousHash"] = previous, ["Hash"] = hash,
                }),
                // One entry per decision: a retried RecordDecision finds this marker and stops.
                new(TableTransactionActionType.Add, new TableEntity(ChainPartition, "id|" + decisionId) { ["Seq"] = seq + 1 }),
            };
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                if (await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, "id|" + decisionId, cancellationToken: ct) is { HasValue: true }) return;
                if (attempt >= 40) throw;
                await Task.Delay(Random.Shared.Next(2, 10 * Math.Min(attempt, 8)), ct);
            }
        }
    }

    /// <summary>Walks the chain from the first entry and checks every link and every journal against its stored hash.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Decisions, cancellationToken);
        var previous = Genesis;
        var count = 0;
        var expectedSeq = 1L;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == ChainPartition && x.RowKey.CompareTo("e") >= 0 && x.RowKey.CompareTo("f") < 0, cancellationToken: cancellationToken))
        {
            var seq = long.Parse(e.RowKey[1..], CultureInfo.InvariantCulture);
            var id = e.GetString("DecisionId");
            if (seq != expectedSeq) return new(false, count, expectedSeq, null, $"entry {expectedSeq} is missing");
            if (e.GetString("PreviousHash") != previous) return new(false, count, seq, id, "previous-hash link does not match the entry before it");
            if (Link(previous, id, e.GetString("JournalHash")) != e.GetString("Hash")) return new(false, count, seq, id, "entry hash does not match its contents");
            var journal = await GetRawAsync(table, id, cancellationToken);
            if (journal is null) return new(false, count, seq, id, "the decision's journal is missing");
            if (Sha256(journal) != e.GetString("JournalHash")) return new(false, count, seq, id, "the decision's journal was changed after it was chained");
            previous = e.GetString("Hash");
            count++;
            expectedSeq++;
        }

        var head = await table.GetEntityIfExistsAsync<TableEntity>(ChainPartition, "head", cancellationToken: cancellationToken);
        if (head.HasValue && (head.Value!.GetInt64("Seq") != count || head.Value.GetString("Hash") != previous))
        {
            return new(false, count, count + 1, null, "the chain head does not match the last entry (entries removed?)");
        }

        return new(true, count, null, null, null);
    }

    private static async Task<string?> GetRawAsync(TableClient table, string id, CancellationToken ct)
    {
        var index = await table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, id, cancellationToken: ct);
        if (!index.HasValue) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(index.Value!.GetString("MarketKey"), index.Value.GetString("Row"), cancellationToken: ct);
        return row.HasValue ? row.Value!.GetString("Journal") : null;
    }

    /// <summary>The journal of decision <paramref name="id"/>, or null.</summary>
    public async Task<DecisionJournal?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Decisions, cancellationToken);
        var index = await table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, id, cancellationToken: cancellationToken);
        if (!index.HasValue) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(index.Value!.GetString("MarketKey"), index.Value.GetString("Row"), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>The newest decisions (optionally of one market or status), newest first.</summary>
    public async Task<IReadOnlyList<DecisionJournal>> ListAsync(string? marketKey, DecisionStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Decisions, cancellationToken);
        var rows = marketKey is null
            ? table.QueryAsync<TableEntity>(e => e.PartitionKey != IndexPartition && e.PartitionKey != ChainPartition, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey, cancellationToken: cancellationToken);
        var list = new List<DecisionJournal>();
        var wanted = status?.ToString();
        await foreach (var e in rows)
        {
            if (wanted is not null && e.GetString("Status") != wanted) continue;
            list.Add(Read(e));
            // Within one market's partition rows come newest first (descending-time row keys): stop at the limit.
            if (marketKey is not null && list.Count >= limit) break;
        }

        return [.. list.OrderByDescending(d => d.Signal.CandleTime).ThenBy(d => d.Id, StringComparer.Ordinal).Take(limit)];
    }

    private static DecisionJournal Read(TableEntity e) =>
        JsonSerializer.Deserialize<DecisionJournal>(e.GetString("Journal"), LyraJson.Options)
        ?? throw new InvalidDataException($"Decision row {e.PartitionKey}/{e.RowKey} holds no journal.");
}
