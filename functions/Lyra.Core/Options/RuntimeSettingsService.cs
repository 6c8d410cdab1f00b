using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyra.Core.Options;

/// <summary>
/// Puts the kept run-time settings in force before the host serves anything (a restart keeps them), then reads them
/// again every <see cref="Interval"/> so that a change made through another instance arrives here too.
/// </summary>
public sealed partial class RuntimeSettingsService(RuntimeSettingsUpdater updater, TimeProvider time, ILogger<RuntimeSettingsService> log) : IHostedService, IDisposable
{
    /// <summary>How often the kept settings are read again.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await updater.RefreshAsync(cancellationToken)) LogLoaded(log);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage not there yet: the configured values hold until the next read succeeds.
            LogFailed(log, e.Message);
        }

        _loop = LoopAsync(_stop.Token);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null) await ((Task)Task.WhenAny(_loop, Task.Delay(Timeout.Infinite, cancellationToken))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (await updater.RefreshAsync(ct)) LogLoaded(log);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(log, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Run-time settings changed through POST /api/config/update are in force")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Run-time settings could not be read ({Reason}); the values in force stay")]
    private static partial void LogFailed(ILogger logger, string reason);
}
