using Azure.Data.Tables;
using Lyra.Data.Backup;
using Lyra.Data.Loading;
using Lyra.Storage.Backup;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>Backup and restore: a round trip is exact; corrupt or partial backups and non-empty targets are refused before anything is written.</summary>
public sealed class TableBackupTests : IDisposable
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Golden", "v0");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "lyra-backup-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static async Task<TableProvider> StoreAsync() =>
        new(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName());

    private string CopyOfGolden()
    {
        var dir = Path.Combine(_work, "copy");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Golden)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static async Task<List<string>> DumpAsync(TableProvider tables)
    {
        var rows = new List<string>();
        foreach (var name in TableNames.All)
        {
            try
            {
                await foreach (var e in tables.Service.GetTableClient(tables.Prefix + name).QueryAsync<TableEntity>())
                {
                    rows.Add(name + " " + string.Join(";", e.Where(kv => kv.Key is not ("Timestamp" or "odata.etag")).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        }

        return rows;
    }

    [Fact]
    public async Task A_backup_restores_into_an_empty_store_row_for_row()
    {
        var source = await StoreAsync();
        await new TableBackup(source, TimeProvider.System).RestoreAsync(Golden);
        var folder = Path.Combine(_work, "backup");
        var manifest = await new TableBackup(source, TimeProvider.System).BackupAsync(folder);
        Assert.Equal(TableNames.All, manifest.Tables.Select(t => t.Name));
        Assert.Equal(109, manifest.Tables.Single(t => t.Name == "decisions").Rows);

        var target = await StoreAsync();
        var result = await new TableBackup(target, TimeProvider.System).RestoreAsync(folder);
        Assert.Equal(109, result.Tables["decisions"]);
        Assert.Equal(await DumpAsync(source), await DumpAsync(target));
    }

    [Fact]
    public async Task A_store_that_holds_data_is_refused()
    {
        var target = await StoreAsync();
        await new TableBackup(target, TimeProvider.System).RestoreAsync(Golden);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new TableBackup(target, TimeProvider.System).RestoreAsync(Golden));
        Assert.Contains("already holds data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_is_refused_naming_it_and_nothing_is_written()
    {
        var dir = CopyOfGolden();
        var orders = Path.Combine(dir, "orders.jsonl");
        await File.WriteAllTextAsync(orders, (await File.ReadAllTextAsync(orders)).Replace("\"Filled\"", "\"Rejected\"", StringComparison.Ordinal));
        var target = await StoreAsync();
        var e = await Assert.ThrowsAsync<DataFormatException>(() => new TableBackup(target, TimeProvider.System).RestoreAsync(dir));
        Assert.Equal(orders, e.File);
        Assert.Contains("does not match the manifest", e.Message, StringComparison.Ordinal);
        Assert.Empty(await DumpAsync(target));
    }

    [Fact]
    public async Task A_backup_without_its_manifest_or_a_file_is_refused()
    {
        var dir = CopyOfGolden();
        File.Delete(Path.Combine(dir, "signals.jsonl"));
        var target = await StoreAsync();
        var missing = await Assert.ThrowsAsync<DataFormatException>(() => new TableBackup(target, TimeProvider.System).RestoreAsync(dir));
        Assert.Contains("signals.jsonl", missing.Message, StringComparison.Ordinal);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(dir, BackupFormat.ManifestFile));
        var partial = await Assert.ThrowsAsync<DataFormatException>(() => BackupFormat.ReadAsync(dir));
        Assert.Contains("not a Lyra backup folder (or the backup did not finish)", partial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_line_is_named_by_file_and_line()
    {
        var dir = CopyOfGolden();
        var signals = Path.Combine(dir, "signals.jsonl");
        var lines = await File.ReadAllLinesAsync(signals);
        lines[2] = lines[2].Replace("\"type\":\"String\"", "\"type\":\"Decimal\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(signals, lines);
        // Re-seal the manifest so the hash passes and the line check is what fails.
        var manifest = System.Text.Json.JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(dir, BackupFormat.ManifestFile)), BackupFormat.Json)!;
        var hash = await BackupFormat.HashAsync(signals);
        var tables = manifest.Tables.Select(t => t.Name == "signals" ? t with { Sha256 = hash } : t).ToList();
        await BackupFormat.WriteManifestAsync(dir, manifest with { Tables = tables });
        var e = await Assert.ThrowsAsync<DataFormatException>(() => BackupFormat.ReadAsync(dir));
        Assert.Equal((signals, 3), (e.File, e.Line));
        Assert.Contains("has type 'Decimal'", e.Message, StringComparison.Ordinal);
    }
}
