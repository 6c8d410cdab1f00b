using System.Diagnostics;
using Lyra.Core.Health;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Health;

/// <summary>Storage is healthy when a point read on the settings table answers; the latency is that round trip.</summary>
public sealed class StorageHealthProbe(TableProvider tables) : IHealthProbe
{
    /// <inheritdoc />
    public string Module => "storage";

    /// <inheritdoc />
    public async Task<ModuleHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var table = await tables.GetAsync(TableNames.Settings, cancellationToken);
            await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: cancellationToken);
            return new(Module, ModuleHealth.Healthy, $"tables reachable at {tables.Service.Uri.Host}:{tables.Service.Uri.Port}", sw.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(Module, ModuleHealth.Unhealthy, "table storage unreachable: " + e.GetType().Name, sw.Elapsed.TotalMilliseconds);
        }
    }
}
