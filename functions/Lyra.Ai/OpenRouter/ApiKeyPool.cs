namespace Lyra.Ai.OpenRouter;

/// <summary>
/// Several API keys used round robin; a key that was rate-limited (429) or refused (401) cools down and is skipped
/// until its cooldown ends. Thread-safe. Keys are never logged or exposed; <see cref="Mask"/> gives a safe label.
/// </summary>
public sealed class ApiKeyPool(IReadOnlyList<string> keys, TimeProvider time, TimeSpan? cooldown = null)
{
    private readonly string[] _keys = [.. keys];
    private readonly long[] _coolUntil = new long[keys.Count];
    private readonly TimeSpan _cooldown = cooldown ?? TimeSpan.FromSeconds(60);
    private int _next = -1;

    /// <summary>Number of keys.</summary>
    public int Count => _keys.Length;

    /// <summary>The next key that is not cooling down, or null when all are.</summary>
    public string? Next()
    {
        var now = time.GetUtcNow().UtcTicks;
        for (var tried = 0; tried < _keys.Length; tried++)
        {
            var i = (int)((uint)Interlocked.Increment(ref _next) % (uint)_keys.Length);
            if (Interlocked.Read(ref _coolUntil[i]) <= now) return _keys[i];
        }

        return null;
    }

    /// <summary>Puts <paramref name="key"/> on cooldown (after a 429 or 401), for <paramref name="retryAfter"/> when the server said so.</summary>
    public void CoolDown(string key, TimeSpan? retryAfter = null)
    {
        var i = Array.IndexOf(_keys, key);
        if (i >= 0) Interlocked.Exchange(ref _coolUntil[i], (time.GetUtcNow() + (retryAfter ?? _cooldown)).UtcTicks);
    }

    /// <summary>True when <paramref name="key"/> is not resting.</summary>
    public bool IsAvailable(string key)
    {
        var i = Array.IndexOf(_keys, key);
        return i >= 0 && Interlocked.Read(ref _coolUntil[i]) <= time.GetUtcNow().UtcTicks;
    }

    /// <summary>A label safe to log: the last four characters only.</summary>
    public static string Mask(string key) => key.Length <= 4 ? "****" : "…" + key[^4..];
}
