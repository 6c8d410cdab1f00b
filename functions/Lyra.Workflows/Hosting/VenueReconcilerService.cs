using Lyra.Exchanges.Live;
using Lyra.Exchanges.Venues;
using Lyra.Monitoring.Alerts;
using Lyra.Workflows.Application;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyra.Workflows.Hosting;

/// <summary>Live mode: reconciles at start-up, then every <see cref="LiveExchangeOptions.ReconcileMinutes"/>.</summary>
public sealed class VenueReconcilerService(VenueReconciler reconciler, VenueRegistry venues, IAlertStore alerts, IOptions<LiveExchangeOptions> options, TimeProvider time,
    ILogger<VenueReconcilerService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CheckKeysAsync(stoppingToken);
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

    // Each venue's key, once at start: refused when it can withdraw; where the venue cannot say, logged once.
    private async Task CheckKeysAsync(CancellationToken ct)
    {
        foreach (var venue in venues.Enabled)
        {
            var exchange = venues.Exchange(venue)!;
            try
            {
                var permissions = await exchange.CheckKeyAsync(ct);
                if (exchange.Refusal is { } refusal)
                {
                    logger.LogError("{Refusal}", refusal);
                    await alerts.RaiseAsync(AlertKinds.KeyRefused, refusal, venue, ct);
                }
                else if (!permissions.Known)
                {
                    logger.LogWarning("{Detail}: make sure the key cannot withdraw", permissions.Detail);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not check {Venue}'s key: {Error}", venue, e.Message);
            }
        }
    }
}
