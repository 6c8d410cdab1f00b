namespace Lyra.Cli.Hosting;

/// <summary>Exit codes of <c>lyra</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>Bad input or configuration (the message names it).</summary>
    public const int InputError = 2;
    /// <summary>The storage went away while running.</summary>
    public const int StorageLost = 3;
    /// <summary>A restore finished but the journal chain it restored is broken.</summary>
    public const int ChainBroken = 4;
    /// <summary>A download stopped part-way (the venue failed or sent a bad candle); the file keeps what was written and the same command resumes.</summary>
    public const int DownloadStopped = 5;
    /// <summary>Stopped by SIGINT (Ctrl+C): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
