using Azure.Data.Tables;
using Lyra.Ai.OpenRouter;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Ai;

/// <summary>The LLM response cache in Azure Tables: partition = model, row = prompt hash, with an expiry time.</summary>
public sealed class LlmResponseCacheTableStore(TableProvider tables, TimeProvider time) : ILlmResponseCache
{
    /// <inheritdoc />
    public async Task<string?> GetAsync(string model, string promptHash, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.LlmCache, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Key(model), promptHash, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        return row.Value!.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow() ? row.Value.GetString("Reply") : null;
    }

    /// <inheritdoc />
    public async Task SetAsync(string model, string promptHash, string reply, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.LlmCache, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Key(model), promptHash)
        {
            ["Reply"] = reply.Length > 30_000 ? reply[..30_000] : reply,
            ["ExpiresAt"] = time.GetUtcNow() + ttl,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private static string Key(string model) => TableKeys.Escape(model);
}
