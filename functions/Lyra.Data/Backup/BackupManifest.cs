namespace Lyra.Data.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup folder: which tables it holds, in which file, how many rows and the SHA-256 of each
/// file, so a restore can refuse a corrupt or partial backup before it writes anything.
/// </summary>
/// <param name="Format">Always <see cref="BackupFormat.Name"/>.</param>
/// <param name="Version">Format version (<see cref="BackupFormat.Version"/>).</param>
/// <param name="CreatedAt">When the backup was written.</param>
/// <param name="LyraVersion">The Lyra that wrote it.</param>
/// <param name="Source">Where the tables came from (account and table prefix; never a key).</param>
/// <param name="Tables">The tables, one file each.</param>
public sealed record BackupManifest(string Format, int Version, DateTimeOffset CreatedAt, string LyraVersion, string Source, IReadOnlyList<BackupTable> Tables);

/// <summary>One table of a backup.</summary>
/// <param name="Name">Table name without the prefix (<c>decisions</c>).</param>
/// <param name="File">File name in the backup folder (<c>decisions.jsonl</c>).</param>
/// <param name="Rows">Entities in the file.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex.</param>
public sealed record BackupTable(string Name, string File, long Rows, string Sha256);
