using Lyra.Ai.OpenRouter;

namespace Lyra.Ai.Models;

/// <summary>
/// The provider's model list, fetched on first use and refreshed after <see cref="OpenRouterOptions.CatalogRefreshMinutes"/>.
/// A model the list does not have (or every model, while the list cannot be fetched) is priced at the configured
/// fallback, so costs are over- rather than under-estimated. Thread-safe.
/// </summary>
public sealed class ModelCatalog(OpenRouterClient client, OpenRouterOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, ModelInfo> _models = new Dictionary<string, ModelInfo>(StringComparer.Ordinal);
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>Why the last refresh failed, or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>All listed models (empty when the list could not be fetched).</summary>
    public async Task<IReadOnlyCollection<ModelInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureFreshAsync(cancellationToken);
        return [.. _models.Values];
    }

    /// <summary>The model's prices and context; the fallback prices when the list does not have it.</summary>
    public async Task<ModelInfo> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await EnsureFreshAsync(cancellationToken);
        return _models.TryGetValue(model, out var m) ? m
            : new ModelInfo(model, model, 0, options.FallbackPromptPricePerMillion / 1_000_000m, options.FallbackCompletionPricePerMillion / 1_000_000m, 0, Listed: false);
    }

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    private async Task EnsureFreshAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _fetchedAt < TimeSpan.FromMinutes(options.CatalogRefreshMinutes)) return;
        await _refresh.WaitAsync(ct);
        try
        {
            if (time.GetUtcNow() - _fetchedAt < TimeSpan.FromMinutes(options.CatalogRefreshMinutes)) return;
            try
            {
                // The list is public: no key is sent, and the keys' round robin is left to the model calls.
                var list = await client.ListModelsAsync(null, ct);
                _models = list.GroupBy(m => m.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                LastError = null;
                _fetchedAt = time.GetUtcNow();
            }
            catch (Core.Errors.DependencyUnavailableException e)
            {
                // Keep what we had; try again after a minute rather than on every call.
                LastError = e.Message;
                _fetchedAt = time.GetUtcNow() - TimeSpan.FromMinutes(options.CatalogRefreshMinutes) + TimeSpan.FromMinutes(1);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }
}
