using Azure;
using Azure.Data.Tables;
using Lyra.Core.Api;
using Lyra.Data.Backup;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Backup;

/// <summary>What a restore wrote.</summary>
/// <param name="Tables">Rows written per table.</param>
public sealed record RestoreResult(IReadOnlyDictionary<string, long> Tables);

/// <summary>
/// Backs up every Lyra table (<see cref="TableNames.All"/>) to a folder in the <see cref="BackupFormat"/>, and restores such a
/// folder into an empty store. A restore checks the whole backup first (manifest, hashes, row counts, every line), refuses a
/// store that already holds data, and deletes what it wrote when a write fails: it restores everything or nothing.
/// </summary>
public sealed class TableBackup(TableProvider tables, TimeProvider time)
{
    private const int BatchSize = 100;

    /// <summary>Writes every table into <paramref name="folder"/> (new or empty); the manifest is written last.</summary>
    public async Task<BackupManifest> BackupAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"{folder}: the backup folder is not empty; choose a new folder");
        }

        Directory.CreateDirectory(folder);
        var list = new List<BackupTable>();
        foreach (var name in TableNames.All)
        {
            var file = name + ".jsonl";
            var path = Path.Combine(folder, file);
            long rows = 0;
            await using (var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
            {
                var table = tables.Service.GetTableClient(tables.Prefix + name);
                try
                {
                    await foreach (var e in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                    {
                        await w.WriteLineAsync(BackupFormat.Line(ToBackup(e)).AsMemory(), cancellationToken);
                        rows++;
                    }
                }
                catch (RequestFailedException x) when (x.Status == 404)
                {
                    // Never written: an empty table in the backup.
                }
            }

            list.Add(new BackupTable(name, file, rows, await BackupFormat.HashAsync(path, cancellationToken)));
        }

        var manifest = new BackupManifest(BackupFormat.Name, BackupFormat.Version, time.GetUtcNow(), LyraVersion.Current,
            $"{tables.Service.AccountName} tables '{tables.Prefix}*'", list);
        await BackupFormat.WriteManifestAsync(folder, manifest, cancellationToken);
        return manifest;
    }

    /// <summary>Restores <paramref name="folder"/> into this (empty) store.</summary>
    /// <exception cref="Data.Loading.DataFormatException">The backup is corrupt or partial (nothing was written).</exception>
    /// <exception cref="InvalidOperationException">The store already holds data (nothing was written).</exception>
    public async Task<RestoreResult> RestoreAsync(string folder, CancellationToken cancellationToken = default)
    {
        var (manifest, content) = await BackupFormat.ReadAsync(folder, cancellationToken);
        var unknown = manifest.Tables.Select(t => t.Name).Where(n => !TableNames.All.Contains(n)).ToList();
        if (unknown.Count > 0) throw new Data.Loading.DataFormatException(Path.Combine(folder, BackupFormat.ManifestFile), 1, $"unknown table(s): {string.Join(", ", unknown)}");
        foreach (var name in TableNames.All)
        {
            if (await HasRowsAsync(name, cancellationToken))
            {
                throw new InvalidOperationException($"the target store already holds data (table '{tables.Prefix + name}'); restore into a new, empty store");
            }
        }

        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, rows) in content)
            {
                var table = await tables.GetAsync(name, cancellationToken);
                foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
                {
                    foreach (var chunk in partition.Chunk(BatchSize))
                    {
                        await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r))), cancellationToken);
                    }
                }

                written[name] = rows.Count;
            }
        }
        catch
        {
            // Not half-written: take back everything this restore wrote (the store was empty before).
            foreach (var name in content.Keys) await tables.Service.GetTableClient(tables.Prefix + name).DeleteAsync(CancellationToken.None);
            throw;
        }

        return new RestoreResult(written);
    }

    private async Task<bool> HasRowsAsync(string name, CancellationToken ct)
    {
        var table = tables.Service.GetTableClient(tables.Prefix + name);
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct)) return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }

        return false;
    }

    private static BackupEntity ToBackup(TableEntity e)
    {
        var props = new SortedDictionary<string, BackupValue>(StringComparer.Ordinal);
        foreach (var (k, v) in e)
        {
            if (k is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
            if (BackupFormat.From(v is BinaryData data ? data.ToArray() : v) is { } value) props[k] = value;
        }

        return new BackupEntity(e.PartitionKey, e.RowKey, props);
    }

    private static TableEntity ToEntity(BackupEntity b)
    {
        var e = new TableEntity(b.PartitionKey, b.RowKey);
        foreach (var (k, v) in b.Properties) e[k] = BackupFormat.Value(v);
        return e;
    }
}
