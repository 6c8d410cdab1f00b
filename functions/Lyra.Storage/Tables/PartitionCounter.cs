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

    /// <summary>The counter row of <paramref name="partition"/>, created from the rows it counts when missing (not yet stored).</summary>
    public static async Task<(TableEntity Row, ETag? ETag)> ReadAsync(TableClient table, string partition, Func<TableEntity, bool> counts, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: ct);
        if (row.HasValue) return (row.Value!, row.Value!.ETag);
        long n = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == partition && x.RowKey.CompareTo("~") < 0, cancellationToken: ct))
        {
            if (counts(e)) n++;
        }

        return (new TableEntity(partition, RowKey) { ["Count"] = n }, null);
    }

    /// <summary>The count in a counter row.</summary>
    public static long Value(TableEntity row, string name = "Count") => row.GetInt64(name) ?? 0;
}
