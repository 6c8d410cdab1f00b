namespace Lyra.Cli.Replay;

/// <summary>A clock the replay moves forward; everything that asks the <see cref="TimeProvider"/> sees replay time.</summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="time"/> (never backwards).</summary>
    public void Set(DateTimeOffset time)
    {
        if (time.UtcTicks < Interlocked.Read(ref _ticks)) throw new ArgumentOutOfRangeException(nameof(time), "The replay clock cannot go back.");
        Interlocked.Exchange(ref _ticks, time.UtcTicks);
    }
}
