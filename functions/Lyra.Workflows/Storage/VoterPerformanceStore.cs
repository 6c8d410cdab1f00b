using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyra.Ai.Performance;
using Lyra.Ai.Voting;
using Lyra.Core.Trading;
using Lyra.Data.Storage;

namespace Lyra.Workflows.Storage;

/// <summary>
/// The performance tracker's table: one row per voter (calls, answers, failures, timeouts, skips, latency samples,
/// scored trades, hits, cost) and one marker per counted decision and per scored trade. Each update is one transaction
/// over the voters' rows and its marker, so a retried activity counts nothing twice.
/// </summary>
public sealed class VoterPerformanceStore(TableProvider tables)
{
    private const string Partition = "voters";
    private const int LatencySamples = 200;

    /// <summary>Counts the votes of a finished decision (once per decision).</summary>
    public Task RecordVotesAsync(string decisionId, IReadOnlyList<Vote> votes, CancellationToken cancellationToken = default) =>
        UpdateAsync("votes|" + decisionId, votes, (e, v) =>
        {
            Add(e, "Calls", 1);
            if (!v.Abstained) Add(e, "Answered", 1);
            if (v.IsFailure) Add(e, "Errors", 1);
            if (v.IsTimeout) Add(e, "Timeouts", 1);
            if (v.Abstained && !v.IsFailure) Add(e, "Skipped", 1);
            e["CostUsd"] = TableKeys.Text(TableKeys.ParseText(e.GetString("CostUsd")) + v.CostUsd);
            if (!v.Abstained && v.LatencyMs > 0)
            {
                e["LatencySumMs"] = (e.GetDouble("LatencySumMs") ?? 0) + v.LatencyMs;
                Add(e, "LatencyCount", 1);
                var samples = Samples(e);
                samples.Add(v.LatencyMs);
                if (samples.Count > LatencySamples) samples.RemoveRange(0, samples.Count - LatencySamples);
                e["Latencies"] = string.Join(',', samples.Select(x => x.ToString("0.#", CultureInfo.InvariantCulture)));
            }
        }, cancellationToken);

    /// <summary>
    /// Scores the votes of the decision that opened a trade against how the trade ended (once per trade): a buy vote is a
    /// hit when the trade made money, a sell or hold vote when it did not. Abstentions are not scored.
    /// </summary>
    public Task RecordOutcomeAsync(string entryDecisionId, IReadOnlyList<Vote> votes, bool profitable, CancellationToken cancellationToken = default) =>
        UpdateAsync("outcome|" + entryDecisionId, [.. votes.Where(v => !v.Abstained)], (e, v) =>
        {
            Add(e, "ScoredTrades", 1);
            if ((v.Action == TradeAction.Buy) == profitable) Add(e, "Hits", 1);
            e["ConfidenceSum"] = (e.GetDouble("ConfidenceSum") ?? 0) + Math.Clamp(v.Confidence, 0, 1);
        }, cancellationToken);

    /// <summary>Every voter's statistics, by name.</summary>
    public async Task<IReadOnlyDictionary<string, VoterStats>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.VoterPerformance, cancellationToken);
        var all = new Dictionary<string, VoterStats>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("v|") >= 0 && x.RowKey.CompareTo("v}") < 0, cancellationToken: cancellationToken))
        {
            var s = ToStats(e);
            all[s.Voter] = s;
        }

        return all;
    }

    private async Task UpdateAsync(string marker, IReadOnlyList<Vote> votes, Action<TableEntity, Vote> apply, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.VoterPerformance, ct);
        var byVoter = votes.GroupBy(v => v.Voter, StringComparer.Ordinal).Select(g => g.First()).ToList();
        await OptimisticRetry.RunAsync(async () =>
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(Partition, marker, cancellationToken: ct)).HasValue) return false;
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(Partition, marker)) };
            foreach (var v in byVoter)
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowOf(v.Voter), cancellationToken: ct);
                var e = row.HasValue ? row.Value! : new TableEntity(Partition, RowOf(v.Voter)) { ["Voter"] = v.Voter };
                apply(e, v);
                actions.Add(OptimisticRetry.Write(e, row.HasValue ? row.Value!.ETag : (ETag?)null));
            }

            // A lost race (the marker or a voter row changed) retries and then finds the marker: counted once.
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        }, ct);
    }

    private static string RowOf(string voter) => "v|" + TableKeys.Escape(voter);

    private static void Add(TableEntity e, string name, long by) => e[name] = (e.GetInt64(name) ?? 0) + by;

    private static List<double> Samples(TableEntity e) =>
        e.GetString("Latencies") is { Length: > 0 } text ? [.. text.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))] : [];

    private static VoterStats ToStats(TableEntity e)
    {
        var samples = Samples(e);
        samples.Sort();
        var count = e.GetInt64("LatencyCount") ?? 0;
        return new VoterStats(e.GetString("Voter"), e.GetInt64("Calls") ?? 0, e.GetInt64("Answered") ?? 0, e.GetInt64("Errors") ?? 0, e.GetInt64("Timeouts") ?? 0,
            e.GetInt64("Skipped") ?? 0, count > 0 ? Math.Round((e.GetDouble("LatencySumMs") ?? 0) / count, 1) : 0,
            Percentile(samples, 0.50), Percentile(samples, 0.95), e.GetInt64("ScoredTrades") ?? 0, e.GetInt64("Hits") ?? 0,
            e.GetDouble("ConfidenceSum") ?? 0, TableKeys.ParseText(e.GetString("CostUsd")));
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
