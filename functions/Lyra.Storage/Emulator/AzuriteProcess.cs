using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lyra.Storage.Emulator;

/// <summary>
/// Azurite from the repository's <c>node_modules</c>, in memory on free loopback ports; stopped on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // The emulator's fixed, publicly documented development account key: not a secret.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteProcess(Process process, int blob, int queue, int table)
    {
        _process = process;
        BlobPort = blob; QueuePort = queue; TablePort = table;
    }

    /// <summary>Blob endpoint port.</summary>
    public int BlobPort { get; }
    /// <summary>Queue endpoint port.</summary>
    public int QueuePort { get; }
    /// <summary>Table endpoint port.</summary>
    public int TablePort { get; }

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

    /// <summary>Starts Azurite and waits until all three endpoints accept connections.</summary>
    /// <exception cref="FileNotFoundException">Azurite is not installed; the message says what to run.</exception>
    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var script = FindAzurite(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new FileNotFoundException(MissingMessage("the Lyra repository root"));
        var node = FindNode() ?? throw new FileNotFoundException("Node.js (`node`) is not on PATH; Azurite needs it. Install Node.js 18 or later.");
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var psi = new ProcessStartInfo(node)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
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
            var azurite = new AzuriteProcess(process, blob, queue, table);
            if (await azurite.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken)) return azurite;
            await azurite.DisposeAsync();
            if (attempt >= 3) throw new InvalidOperationException("Azurite did not start listening within 30 s (three attempts).");
        }
    }

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

    private static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
