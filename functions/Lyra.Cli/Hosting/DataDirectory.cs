using System.Globalization;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The folder where <c>lyra run</c> keeps its state (Azurite's data), locked while a lyra uses it so two processes never
/// share one store. The lock is an OS file lock: it goes with the process, also when the process is killed.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    private const string LockFile = "lyra.lock";
    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream @lock)
    {
        Path = path;
        _lock = @lock;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Azurite's folder inside it.</summary>
    public string AzuritePath => System.IO.Path.Combine(Path, "azurite");

    /// <summary>The default folder: <c>lyra</c> in the user's data folder (<c>~/.local/share/lyra</c> on Linux).</summary>
    public static string Default
    {
        get
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return System.IO.Path.Combine(string.IsNullOrEmpty(root) ? System.IO.Path.Combine(Directory.GetCurrentDirectory(), ".lyra-data") : root, "lyra");
        }
    }

    /// <summary>Opens (creating it) and locks <paramref name="path"/>.</summary>
    /// <exception cref="IOException">Another lyra uses the folder; the message says so.</exception>
    public static DataDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        var lockPath = System.IO.Path.Combine(full, LockFile);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(lockPath) ? TryRead(lockPath) : null;
            throw new IOException($"the data directory {full} is in use by another lyra{(holder is null ? "" : " (pid " + holder + ")")}; stop it or choose another --data-dir");
        }

        stream.SetLength(0);
        using (var w = new StreamWriter(stream, leaveOpen: true)) w.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        stream.Flush();
        return new DataDirectory(full, stream);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private static string? TryRead(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd().Trim() is { Length: > 0 } pid ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
