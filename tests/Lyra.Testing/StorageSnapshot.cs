using Azure.Data.Tables;
using Lyra.Storage.Tables;

namespace Lyra.Testing;

/// <summary>
/// Every row of every Lyra table with its ETag: two snapshots are equal only when nothing was written in between,
/// so a test can show that a read-only endpoint is read-only.
/// </summary>
public static class StorageSnapshot
{
    /// <summary>Takes the snapshot, one line per row (<c>table/partition/row@etag</c>), in order.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(TableProvider tables, CancellationToken cancellationToken = default)
    {
        var rows = new List<string>();
        foreach (var name in TableNames.All)
        {
            var table = await tables.GetAsync(name, cancellationToken);
            await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add($"{name}/{e.PartitionKey}/{e.RowKey}@{e.ETag}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
