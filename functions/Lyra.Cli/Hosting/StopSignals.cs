using System.Runtime.InteropServices;

namespace Lyra.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM turned into a cancellation: the process does not die at the signal, it stops taking new
/// work and shuts down in order. A second signal while stopping is ignored (the shutdown has a deadline of its own).
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    /// <summary>Registers the handlers.</summary>
    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, On),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, On),
        ];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The signal received (<c>SIGINT</c>, <c>SIGTERM</c>), or null.</summary>
    public string? Received => Volatile.Read(ref _signal) switch { 2 => "SIGINT", 15 => "SIGTERM", _ => null };

    /// <summary>The conventional exit code of the signal received.</summary>
    public int ExitCode => Volatile.Read(ref _signal) == 15 ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _stop.Dispose();
    }

    private void On(PosixSignalContext context)
    {
        context.Cancel = true; // no default termination: lyra stops itself
        if (Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGTERM ? 15 : 2, 0) == 0) _stop.Cancel();
    }
}
