using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lyra.Storage.Emulator;

/// <summary>
/// Azurite from the repository's <c>node_modules</c> on free loopback ports: in memory, or keeping its data in a folder.
/// It runs in a session of its own (so a terminal's Ctrl-C reaches only its parent, which stops it in order) and is
/// stopped gracefully, so it writes its data before it exits. A folder records the instance using it; an instance left
/// behind by a parent that was killed is stopped gracefully before a new one starts on the same folder.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // The emulator's fixed, publicly documented development account key: not a secret.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string RecordFile = "azurite.json";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private AzuriteProcess(Process process, int blob, int queue, int table, string? location)
    {
        _process = process;
        BlobPort = blob; QueuePort = queue; TablePort = table;
        Location = location;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _exited.TrySetResult();
        if (_process.HasExited) _exited.TrySetResult();
    }

    /// <summary>Blob endpoint port.</summary>
    public int BlobPort { get; }
    /// <summary>Queue endpoint port.</summary>
    public int QueuePort { get; }
    /// <summary>Table endpoint port.</summary>
    public int TablePort { get; }

    /// <summary>The folder holding the data; null in memory.</summary>
    public string? Location { get; }

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited => _exited.Task;

    /// <summary>True once <see cref="StopAsync"/> began (an exit after it is expected).</summary>
    public bool Stopping => Volatile.Read(ref _stopping) == 1;

    /// <summary>Connection string of this instance.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccount};QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccount};TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccount};");

    /// <summary>Finds <c>node_modules/azurite</c> upwards from the given directories; null when absent.</summary>
    public static string? FindAzurite(params string[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                if (File.Exists(script)) return script;
            }
        }

        return null;
    }

    /// <summary>The message shown when Azurite is not installed.</summary>
    public static string MissingMessage(string repoHint) =>
        $"Azurite (local Azure Storage) is not installed. Run `npm ci` in {repoHint} (Node.js 18+), or set Lyra__Storage__ConnectionString to an existing storage account.";

    /// <summary>
    /// Starts Azurite and waits until all three endpoints accept connections. With <paramref name="location"/> it keeps its
    /// data in that folder (created when missing); without, in memory.
    /// </summary>
    /// <exception cref="FileNotFoundException">Azurite or Node.js is not installed; the message says what to run.</exception>
    public static async Task<AzuriteProcess> StartAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var script = FindAzurite(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new FileNotFoundException(MissingMessage("the Lyra repository root"));
        var node = FindOnPath("node") ?? throw new FileNotFoundException("Node.js (`node`) is not on PATH; Azurite needs it. Install Node.js 18 or later.");
        if (location is not null)
        {
            Directory.CreateDirectory(location);
            await StopLeftoverAsync(location);
        }

        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = FreePorts();
            // setsid: a session of its own, so the terminal's Ctrl-C goes to lyra alone, which stops Azurite after its own work.
            var setsid = OperatingSystem.IsLinux() ? FindOnPath("setsid") : null;
            var psi = new ProcessStartInfo(setsid ?? node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (setsid is not null) psi.ArgumentList.Add(node);
            psi.ArgumentList.Add("--require");
            psi.ArgumentList.Add(await ParentWatchScriptAsync());
            psi.ArgumentList.Add(script);
            foreach (var a in location is null ? ["--inMemoryPersistence"] : new[] { "--location", location }) psi.ArgumentList.Add(a);
            foreach (var a in new[]
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
            })
            {
                psi.ArgumentList.Add(a);
            }

            var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Azurite.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var azurite = new AzuriteProcess(process, blob, queue, table, location);
            if (await azurite.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken))
            {
                if (location is not null) await azurite.RecordAsync();
                return azurite;
            }

            await azurite.DisposeAsync();
            if (attempt >= 3) throw new InvalidOperationException("Azurite did not start listening within 30 s (three attempts).");
        }
    }

    /// <summary>Stops the process gracefully (it writes its data first); kills it when it has not exited within 10 s.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await Exited;
            return;
        }

        await StopProcessAsync(_process.Id, _exited.Task);
        if (Location is not null) File.Delete(Path.Combine(Location, RecordFile));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    // Loaded into Azurite's node process, to make its stop dependable:
    // - when the parent is gone (killed with -9, which it cannot see coming), Azurite stops itself the graceful way, so it
    //   writes its data and exits instead of running on as an orphan; its output pipe is dead then, and a write to it
    //   must not abort the shutdown half-way;
    // - Azurite's own handler runs once, and a second SIGTERM (lyra stopping a leftover) would kill it mid-save: a
    //   standing handler absorbs it;
    // - once all three services report closed (their data written), it exits, instead of waiting on client sockets
    //   that sent a request after the request handlers were removed.
    private const string ParentWatch = """
        const parent = process.ppid;
        for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
        let closed = 0;
        const log = console.log;
        console.log = (...args) => {
          if (typeof args[0] === 'string' && args[0].endsWith('service successfully closed') && ++closed === 3) setImmediate(() => process.exit(0));
          try { log(...args); } catch { }
        };
        process.on('SIGTERM', () => {});
        setInterval(() => {
          try { process.kill(parent, 0); } catch {
            process.stdout.write = process.stderr.write = () => true;
            process.kill(process.pid, 'SIGTERM');
          }
        }, 1000).unref();
        """;

    private static async Task<string> ParentWatchScriptAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lyra-azurite-parent-watch-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ParentWatch)))[..12]}.js");
        if (!File.Exists(path))
        {
            var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(temp, ParentWatch);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    private async Task RecordAsync() =>
        await File.WriteAllTextAsync(Path.Combine(Location!, RecordFile), JsonSerializer.Serialize(new Record(_process.Id, BlobPort, QueuePort, TablePort)));

    // An Azurite whose parent was killed (kill -9 does not reach the child) still holds the folder's data in memory: stop
    // it gracefully, so it writes that data, before a new one opens the folder.
    private static async Task StopLeftoverAsync(string location)
    {
        var path = Path.Combine(location, RecordFile);
        if (!File.Exists(path)) return;
        Record? record;
        try
        {
            record = JsonSerializer.Deserialize<Record>(await File.ReadAllTextAsync(path));
        }
        catch (JsonException)
        {
            record = null;
        }

        if (record is not null && IsAzuriteOn(record.Pid, location))
        {
            using var leftover = Process.GetProcessById(record.Pid);
            var exited = leftover.WaitForExitAsync();
            await StopProcessAsync(record.Pid, exited);
        }

        File.Delete(path);
    }

    private static bool IsAzuriteOn(int pid, string location)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
            // Only a process started for this very folder is ours to stop.
            var cmdline = OperatingSystem.IsLinux() && File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : "";
            return cmdline.Contains("azurite", StringComparison.Ordinal) && cmdline.Contains(location, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task StopProcessAsync(int pid, Task exited)
    {
        if (exited.IsCompleted) return;
        if (!OperatingSystem.IsWindows() && Kill(pid, 15) == 0 && await Task.WhenAny(exited, Task.Delay(StopTimeout)) == exited) return;
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Gone already.
        }

        await Task.WhenAny(exited, Task.Delay(StopTimeout));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process.HasExited) return false;
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken);
                }
                catch (SocketException)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    // Three distinct ports: the listeners stay open until all three are chosen (one closed before the next is opened can be
    // handed out again: CI once gave the queue and the table the same port, and Azurite died on the second bind).
    private static (int Blob, int Queue, int Table) FreePorts()
    {
        var listeners = new[] { new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0) };
        try
        {
            foreach (var l in listeners) l.Start();
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    private sealed record Record(int Pid, int BlobPort, int QueuePort, int TablePort);
}
