using System.Text.Json;
using Azure.Data.Tables;
using Lyra.Data.Storage;
using Lyra.Workflows.Api;
using Lyra.Workflows.Orchestration;

namespace Lyra.Workflows.Storage;

/// <summary>
/// The decision journal: one row per decision in its market's partition (newest first), holding the journal as JSON,
/// plus an index row per id in the <c>byid</c> partition for direct lookup.
/// </summary>
public sealed class DecisionStore(TableProvider tables)
{
    private const string IndexPartition = "byid";

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
            ? table.QueryAsync<TableEntity>(e => e.PartitionKey != IndexPartition, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(e => e.PartitionKey == marketKey, cancellationToken: cancellationToken);
        var list = new List<DecisionJournal>();
        var wanted = status?.ToString();
        await foreach (var e in rows)
        {
            if (wanted is not null && e.GetString("Status") != wanted) continue;
            list.Add(Read(e));
        }

        return [.. list.OrderByDescending(d => d.Signal.CandleTime).ThenBy(d => d.Id, StringComparer.Ordinal).Take(limit)];
    }

    private static DecisionJournal Read(TableEntity e) =>
        JsonSerializer.Deserialize<DecisionJournal>(e.GetString("Journal"), LyraJson.Options)
        ?? throw new InvalidDataException($"Decision row {e.PartitionKey}/{e.RowKey} holds no journal.");
}
