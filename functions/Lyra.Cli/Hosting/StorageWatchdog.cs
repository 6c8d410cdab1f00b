using System.Globalization;
using Lyra.Core.Health;
using Lyra.Storage.Emulator;

namespace Lyra.Cli.Hosting;

/// <summary>
/// Watches the storage <c>lyra run</c> depends on: the Azurite process it started (its exit is noticed at once) and the
/// storage endpoint itself (probed every <see cref="Interval"/>; it is gone when every probe failed for
/// <see cref="GiveUpAfter"/>: an error, or no answer within <see cref="ProbeTimeout"/>; a slow answer under load is not
/// a failure). Instead of retrying forever, it reports why, once.
/// </summary>
public sealed class StorageWatchdog(IHealthProbe storage, AzuriteProcess? azurite, TimeProvider time)
{
    /// <summary>Time between probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>How long every probe must have failed before the storage counts as gone.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(8);

    /// <summary>A probe without an answer after this long has failed.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Completes with the reason when the storage is gone; never completes while it works (until cancelled).</summary>
    public async Task<string> WatchAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var since = default(DateTimeOffset);
        var exited = azurite?.Exited ?? Task.Delay(Timeout.Infinite, cancellationToken);
        while (true)
        {
            var tick = Task.Delay(Interval, cancellationToken);
            if (await Task.WhenAny(exited, tick) == exited && !cancellationToken.IsCancellationRequested)
            {
                if (azurite is { Stopping: false }) return "Azurite (the local storage) exited unexpectedly";
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await tick;
            using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probeTimeout.CancelAfter(ProbeTimeout);
            ModuleHealth health;
            try
            {
                health = await storage.CheckAsync(probeTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                health = new ModuleHealth(storage.Module, ModuleHealth.Unhealthy, $"no answer within {ProbeTimeout.TotalSeconds:0} s", ProbeTimeout.TotalMilliseconds);
            }

            if (health.Status == ModuleHealth.Healthy)
            {
                failures = 0;
                continue;
            }

            if (failures++ == 0) since = time.GetUtcNow();
            if (failures >= 2 && time.GetUtcNow() - since >= GiveUpAfter)
            {
                return string.Create(CultureInfo.InvariantCulture, $"storage stopped answering at {since:HH:mm:ss} UTC ({health.Detail})");
            }
        }
    }
}
