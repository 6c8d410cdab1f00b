using Azure;
using Azure.Data.Tables;

namespace Lyra.Workflows.Storage;

/// <summary>
/// Atomic claims on TradeFlow starts: the first caller to insert the claim row for an instance id starts the flow;
/// concurrent deliveries of the same message lose the insert (409) and start nothing. A claim that is older than
/// <see cref="StaleAfter"/> can be taken over (the claimer may have died before starting), and the engine's own
/// instance check then prevents a second start.
/// </summary>
public sealed class FlowStartStore(Lyra.Data.Storage.TableProvider tables)
{
    private const string Partition = "start";

    /// <summary>Age after which a claim may be taken over.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>Claims <paramref name="instanceId"/>; true when this caller may start it.</summary>
    public async Task<bool> TryClaimAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.FlowStarts, cancellationToken);
        // Real time on purpose: staleness is about this process's progress, not the (possibly replayed) market clock.
        var now = DateTimeOffset.UtcNow;
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, instanceId) { ["ClaimedAt"] = now }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(Partition, instanceId, cancellationToken: cancellationToken);
            if (now - (existing.Value.GetDateTimeOffset("ClaimedAt") ?? now) < StaleAfter) return false;
            try
            {
                await table.UpdateEntityAsync(new TableEntity(Partition, instanceId) { ["ClaimedAt"] = now }, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException e2) when (e2.Status == 412)
            {
                return false;
            }
        }
    }
}
