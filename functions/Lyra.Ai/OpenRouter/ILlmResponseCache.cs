namespace Lyra.Ai.OpenRouter;

/// <summary>Stored model replies keyed by model and prompt hash, so an identical question is not paid for twice.</summary>
public interface ILlmResponseCache
{
    /// <summary>The cached reply text, or null when absent or expired.</summary>
    Task<string?> GetAsync(string model, string promptHash, CancellationToken cancellationToken = default);

    /// <summary>Stores a reply for <paramref name="ttl"/>.</summary>
    Task SetAsync(string model, string promptHash, string reply, TimeSpan ttl, CancellationToken cancellationToken = default);
}
