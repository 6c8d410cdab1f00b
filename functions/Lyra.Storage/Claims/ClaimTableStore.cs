using Azure;
using Azure.Data.Tables;
using Lyra.Core.Idempotency;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Claims;

/// <summary>
/// Claims in a table: partition = scope, row = key. The insert is the claim (a concurrent insert fails with 409); a
/// release deletes the row; a claim older than the caller's stale limit is taken over under its ETag.
/// </summary>
/// <param name="tables">The tables.</param>
/// <param name="now">The wall clock (tests pass their own); never the host's TimeProvider, which a replay accelerates.</param>
public sealed class ClaimTableStore(TableProvider tables, Func<DateTimeOffset>? now = null) : IClaimStore
{
    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string scope, string key, TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Claims, cancellationToken);
        // Real time on purpose: staleness is about this process's progress, not the (possibly replayed) market clock.
        var at = now?.Invoke() ?? DateTimeOffset.UtcNow;
        try
        {
            await table.AddEntityAsync(new TableEntity(scope, key) { ["ClaimedAt"] = at }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(scope, key, cancellationToken: cancellationToken);
            if (!existing.HasValue) return await TryClaimAsync(scope, key, staleAfter, cancellationToken); // released meanwhile
            if (at - (existing.Value!.GetDateTimeOffset("ClaimedAt") ?? at) < staleAfter) return false;
            try
            {
                await table.UpdateEntityAsync(new TableEntity(scope, key) { ["ClaimedAt"] = at }, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException e2) when (e2.Status is 412 or 404)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Claims, cancellationToken);
        await table.DeleteEntityAsync(scope, key, ETag.All, cancellationToken);
    }
}
