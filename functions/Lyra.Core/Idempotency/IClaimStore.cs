namespace Lyra.Core.Idempotency;

/// <summary>
/// Atomic claims on a piece of work (starting one flow): the first caller to claim a key does the work; concurrent
/// callers lose. A claim whose holder failed is released so the next attempt can claim it; one whose holder died
/// silently can be taken over once it is older than the caller's stale limit.
/// </summary>
public interface IClaimStore
{
    /// <summary>Claims <paramref name="key"/> in <paramref name="scope"/>; true when this caller may do the work.</summary>
    Task<bool> TryClaimAsync(string scope, string key, TimeSpan staleAfter, CancellationToken cancellationToken = default);

    /// <summary>Gives a claim back (its work failed and must be possible to retry at once).</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default);
}
