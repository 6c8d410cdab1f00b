using Lyra.Storage.Emulator;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The storage a local command works on: the account in <c>Lyra__Storage__ConnectionString</c> (or
/// <c>AzureWebJobsStorage</c>) when set; otherwise Azurite, keeping its data in a locked <see cref="DataDirectory"/> or
/// in memory. Disposing stops Azurite gracefully (it writes its data) and releases the folder.
/// </summary>
public sealed class LocalStorage : IAsyncDisposable
{
    private readonly bool _scratch;

    private LocalStorage(string connectionString, DataDirectory? directory, AzuriteProcess? azurite, bool scratch = false)
    {
        ConnectionString = connectionString;
        Directory = directory;
        Azurite = azurite;
        _scratch = scratch;
    }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The data folder in use, when the data is kept locally.</summary>
    public DataDirectory? Directory { get; }

    /// <summary>The Azurite started for it, if any.</summary>
    public AzuriteProcess? Azurite { get; }

    /// <summary>The configured account, if any.</summary>
    public static string? ConfiguredConnection =>
        Environment.GetEnvironmentVariable("Lyra__Storage__ConnectionString") is { Length: > 0 } c ? c
        : Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } w ? w : null;

    /// <summary>Where the data is, in words.</summary>
    public string Description =>
        _scratch ? "scratch storage (deleted on exit)"
        : Directory is not null ? "state kept in " + Directory.Path
        : Azurite is not null ? "in memory (nothing is kept)" : "the configured storage account";

    /// <summary>
    /// Opens the storage: the configured account, or Azurite on <paramref name="dataDir"/> (null: in memory). A
    /// <paramref name="scratch"/> folder is deleted on dispose (a replay's: on disk, Azurite keeps up with a long replay
    /// better than in memory, where it sweeps one record per queue message).
    /// </summary>
    /// <exception cref="IOException">The folder is in use by another lyra.</exception>
    /// <exception cref="FileNotFoundException">Azurite or Node.js is missing; the message says what to install.</exception>
    public static async Task<LocalStorage> OpenAsync(string? dataDir, CancellationToken cancellationToken, bool scratch = false)
    {
        if (ConfiguredConnection is { } configured) return new LocalStorage(configured, null, null);
        var directory = dataDir is null ? null : DataDirectory.Open(dataDir);
        try
        {
            var azurite = await AzuriteProcess.StartAsync(directory?.AzuritePath, cancellationToken);
            return new LocalStorage(azurite.ConnectionString, directory, azurite, scratch);
        }
        catch
        {
            directory?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Azurite is not null) await Azurite.DisposeAsync();
        Directory?.Dispose();
        if (_scratch && Directory is not null && System.IO.Directory.Exists(Directory.Path)) System.IO.Directory.Delete(Directory.Path, recursive: true);
    }

    /// <summary>A new scratch folder for a replay.</summary>
    public static string ScratchFolder() => Path.Combine(Path.GetTempPath(), "lyra-replay-" + Guid.NewGuid().ToString("N")[..12]);
}
