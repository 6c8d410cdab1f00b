using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Security.Audit;

/// <summary>Writes the noted secret reads to the audit journal every few seconds and once more when the host stops.</summary>
public sealed partial class SecretReadAuditor(SecretReads reads, AuditLog audit, TimeProvider time, ILogger<SecretReadAuditor> log) : BackgroundService
{
    /// <summary>How often the notes are written.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Writes every noted read now; false when the journal could not be written (the notes stay for the next round).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        while (reads.Take(100) is { Count: > 0 } batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var r = batch[i];
                try
                {
                    await audit.RecordAsync(AuditKinds.Secret, "secret.read", AuditLog.ThisHost, "host", r.Found ? "read" : "missing", target: r.Name, detail: r.Source,
                        at: r.At, cancellationToken: cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    reads.Return(batch.Skip(i));
                    LogFailed(log, batch.Count - i, e.Message);
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await FlushAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 9010, Level = LogLevel.Warning, Message = "Audit: {Count} secret read(s) could not be written to the audit journal yet ({Reason}); retrying")]
    private static partial void LogFailed(ILogger logger, int count, string reason);
}
