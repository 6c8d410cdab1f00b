using Azure;
using Azure.Data.Tables;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Storage.Persistence;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Ai;

/// <summary>
/// The voters' track record in one partition: one versioned document with every voter's counters (<c>stats</c>) and one
/// marker row per counted decision (<c>votes|id</c>) and per scored trade (<c>outcome|id</c>). Each update is one
/// transaction over the document (under its ETag) and its marker, so a retried activity counts nothing twice, and reading
/// every voter's statistics is one point read. Counters written before the document existed (<c>v|voter</c> rows) are
/// read until the first update.
/// </summary>
public sealed class VoterPerformanceTableStore(TableProvider tables) : IVoterPerformanceStore
{
    /// <summary>Schema version of the statistics document.</summary>
    public const int StatsVersion = 1;

    private const string Partition = "voters";
    private const string StatsRow = "stats";
    private const int LatencySamples = 200;

    /// <inheritdoc />
    public Task RecordVotesAsync(string decisionId, IReadOnlyList<Vote> votes, CancellationToken cancellationToken = default) =>
        UpdateAsync("votes|" + TableKeys.Escape(decisionId), votes, (c, v) =>
        {
            c.Calls++;
            if (!v.Abstained) c.Answered++;
            if (v.IsFailure) c.Errors++;
            if (v.IsTimeout) c.Timeouts++;
            if (v.Abstained && !v.IsFailure) c.Skipped++;
            else c.Remember(failed: v.IsFailure);
            c.CostUsd += v.CostUsd;
            if (!v.Abstained && v.LatencyMs > 0)
            {
                c.LatencySumMs += v.LatencyMs;
                c.LatencyCount++;
                c.Latencies.Add(Math.Round(v.LatencyMs, 1));
                if (c.Latencies.Count > LatencySamples) c.Latencies.RemoveRange(0, c.Latencies.Count - LatencySamples);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task RecordOutcomeAsync(string entryDecisionId, IReadOnlyList<Vote> votes, bool profitable, CancellationToken cancellationToken = default) =>
        UpdateAsync("outcome|" + TableKeys.Escape(entryDecisionId), [.. votes.Where(v => !v.Abstained)], (c, v) =>
        {
            c.ScoredTrades++;
            if ((v.Action == TradeAction.Buy) == profitable) c.Hits++;
            c.ConfidenceSum += Math.Clamp(v.Confidence, 0, 1);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, VoterStats>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.VoterPerformance, cancellationToken);
        var (all, _) = await ReadAsync(table, cancellationToken);
        return all.ToDictionary(kv => kv.Key, kv => kv.Value.ToStats(), StringComparer.Ordinal);
    }

    private async Task UpdateAsync(string marker, IReadOnlyList<Vote> votes, Action<VoterCounters, Vote> apply, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.VoterPerformance, ct);
        var byVoter = votes.GroupBy(v => v.Voter, StringComparer.Ordinal).Select(g => g.First()).ToList();
        await OptimisticRetry.RunAsync(async () =>
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(Partition, marker, cancellationToken: ct)).HasValue) return false;
            var (all, etag) = await ReadAsync(table, ct);
            foreach (var v in byVoter)
            {
                if (!all.TryGetValue(v.Voter, out var c)) all[v.Voter] = c = new VoterCounters { Voter = v.Voter };
                apply(c, v);
            }

            var stats = new TableEntity(Partition, StatsRow);
            TableDocument.Write(stats, PersistenceJson.Serialize(all), StatsVersion);
            // A lost race (the marker or the document changed) retries and then finds the marker: counted once.
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity(Partition, marker)), OptimisticRetry.Write(stats, etag)], ct);
            return true;
        }, ct);
    }

    private static async Task<(Dictionary<string, VoterCounters> All, ETag? ETag)> ReadAsync(TableClient table, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, StatsRow, cancellationToken: ct);
        if (row.HasValue && TableDocument.Read(row.Value!, StatsVersion) is { } json)
        {
            var all = PersistenceJson.Deserialize<Dictionary<string, VoterCounters>>(json, $"{table.Name}/{Partition}/{StatsRow}");
            return (new Dictionary<string, VoterCounters>(all, StringComparer.Ordinal), row.Value!.ETag);
        }

        // The layout before the document: one row per voter.
        var legacy = new Dictionary<string, VoterCounters>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("v|") >= 0 && x.RowKey.CompareTo("v}") < 0, cancellationToken: ct))
        {
            var c = VoterCounters.FromLegacy(e);
            legacy[c.Voter] = c;
        }

        return (legacy, null);
    }
}
