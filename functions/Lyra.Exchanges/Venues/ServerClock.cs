namespace Lyra.Exchanges.Venues;

/// <summary>
/// The venue's clock as seen from here: local time plus the offset measured against its time endpoint (half the round
/// trip assumed each way). Signatures carry this time, so a skewed local clock does not get requests refused as expired.
/// </summary>
public sealed class ServerClock(TimeProvider time)
{
    private long _offsetTicks;
    private int _synced;

    /// <summary>The offset last measured (venue minus local).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>True once an offset was measured.</summary>
    public bool Synced => Volatile.Read(ref _synced) == 1;

    /// <summary>The venue's time now.</summary>
    public DateTimeOffset Now => time.GetUtcNow() + Offset;

    /// <summary>Measures the offset with <paramref name="serverTime"/> (a call to the venue's time endpoint).</summary>
    public async Task SyncAsync(Func<CancellationToken, Task<DateTimeOffset>> serverTime, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow();
        var server = await serverTime(cancellationToken);
        var after = time.GetUtcNow();
        var local = before + ((after - before) / 2);
        Interlocked.Exchange(ref _offsetTicks, (server - local).Ticks);
        Volatile.Write(ref _synced, 1);
    }
}
