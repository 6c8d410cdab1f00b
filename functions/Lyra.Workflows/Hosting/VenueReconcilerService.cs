using Lyra.Exchanges.Live;
using Lyra.Workflows.Application;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Hosting;

/// <summary>Live mode: reconciles at start-up, then every <see cref="LiveExchangeOptions.ReconcileMinutes"/>.</summary>
public sealed class VenueReconcilerService(VenueReconciler reconciler, IOptions<LiveExchangeOptions> options, TimeProvider time, ILogger<VenueReconcilerService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await reconciler.RunAsync(stoppingToken);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Reconciliation: {Checked} open intent(s), {Resolved} resolved, {Unknown} still unknown, {Drifts} drift(s)",
                        report.Checked, report.Resolved, report.StillUnknown, report.Drifts.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A venue or storage outage: the next round tries again; the health probes report the outage.
                logger.LogWarning("Reconciliation failed: {Error}", e.Message);
            }

            if (options.Value.ReconcileMinutes <= 0) return;
            await Task.Delay(TimeSpan.FromMinutes(options.Value.ReconcileMinutes), time, stoppingToken);
        }
    }
}
