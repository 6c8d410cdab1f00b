using Azure;
using Azure.Data.Tables;

namespace Lyra.Storage.Tables;

/// <summary>
/// A counter row (<c>~count</c>) in a partition, written in the same transaction as the rows it counts, so a count is
/// exact and reading it is one point read however many rows the partition holds. A partition written before counters
/// existed is counted once, by a query, when its counter is first needed.
/// </summary>
internal static class PartitionCounter
{
    /// <summary>Row key of the counter (sorts after every time-based row key).</summary>
    public const string RowKey = "~count";

    /// <summary>
    /// Writes <paramref name="entity"/>: a row that exists is replaced (the count stays), a new one is inserted together
    /// with its partition's counter + 1 (under the counter's ETag; a concurrent writer makes it retry).
    /// </summary>
    public static Task WriteCountedAsync(TableClient table, TableEntity entity, CancellationToken ct) =>
        OptimisticRetry.RunAsync(async () =>
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, select: ["RowKey"], cancellationToken: ct)).HasValue)
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
                return false;
            }

            var (counter, etag) = await ReadAsync(table, entity.PartitionKey, ct);
            counter["Count"] = Value(counter) + 1;
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entity), OptimisticRetry.Write(counter, etag)], ct);
            return true;
        }, ct);

    /// <summary>The rows of <paramref name="partitions"/> together: one point read per partition.</summary>
    public static async Task<long> SumAsync(TableClient table, IEnumerable<string> partitions, CancellationToken ct)
    {
        long n = 0;
        foreach (var p in partitions) n += Value((await ReadAsync(table, p, ct)).Row);
        return n;
    }

    // The counter row of a partition, created from the rows it counts when missing (not yet stored).
    private static async Task<(TableEntity Row, ETag? ETag)> ReadAsync(TableClient table, string partition, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: ct);
        if (row.HasValue) return (row.Value!, row.Value!.ETag);
        long n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(x => x.PartitionKey == partition && x.RowKey.CompareTo("~") < 0, select: ["RowKey"], cancellationToken: ct)) n++;
        return (new TableEntity(partition, RowKey) { ["Count"] = n }, null);
    }

    private static long Value(TableEntity row) => row.GetInt64("Count") ?? 0;
}
