using Azure;
using Azure.Data.Tables;
using Lyra.Core.Errors;
using Lyra.Exchanges.Ledger;
using Lyra.Storage.Persistence;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Orders;

/// <summary>
/// The intent ledger: partition <c>intents</c>, row = client order id, the intent as a versioned JSON document with its
/// state and revision as columns. Saves are conditional on the entity's ETag and the revision the writer read.
/// </summary>
public sealed class OrderIntentTableStore(TableProvider tables) : IOrderIntentStore
{
    private const string Partition = "intents";
    private const int SchemaVersion = 1;

    /// <inheritdoc />
    public async Task<OrderIntent> AddAsync(OrderIntent intent, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.OrderIntents, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(intent with { Revision = 1 }), cancellationToken);
            return intent with { Revision = 1 };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(intent.ClientOrderId, cancellationToken))!;
        }
    }

    /// <inheritdoc />
    public async Task<OrderIntent?> GetAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.OrderIntents, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(clientOrderId), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<OrderIntent> SaveAsync(OrderIntent intent, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.OrderIntents, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(intent.ClientOrderId), cancellationToken: cancellationToken);
        if (!row.HasValue) throw new NotFoundException($"no order intent {intent.ClientOrderId}");
        var stored = row.Value!;
        if ((stored.GetInt32("Revision") ?? 0) != intent.Revision)
        {
            throw new ConflictException($"order intent {intent.ClientOrderId} changed (revision {stored.GetInt32("Revision")}, read {intent.Revision})");
        }

        var next = intent with { Revision = intent.Revision + 1 };
        try
        {
            await table.UpdateEntityAsync(ToEntity(next), stored.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConflictException($"order intent {intent.ClientOrderId} changed while it was saved");
        }

        return next;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIntent>> ListUnresolvedAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.OrderIntents, cancellationToken);
        var result = new List<OrderIntent>();
        var filter = $"PartitionKey eq '{Partition}' and State ne '{OrderIntentState.Final}' and State ne '{OrderIntentState.NotPlaced}'";
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) result.Add(FromEntity(e));
        return [.. result.OrderBy(i => i.CreatedAt)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIntent>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        // Client ids are hashes, so rows are not in time order: read the partition and sort. Intents are one per order.
        var table = await tables.GetAsync(TableNames.OrderIntents, cancellationToken);
        var result = new List<OrderIntent>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", cancellationToken: cancellationToken)) result.Add(FromEntity(e));
        return [.. result.OrderByDescending(i => i.CreatedAt).Take(limit)];
    }

    private static TableEntity ToEntity(OrderIntent i)
    {
        var e = new TableEntity(Partition, TableKeys.Escape(i.ClientOrderId))
        {
            ["State"] = i.State.ToString(),
            ["Venue"] = i.Venue,
            ["MarketKey"] = i.MarketKey,
            ["Revision"] = i.Revision,
            ["CreatedAt"] = i.CreatedAt,
        };
        TableDocument.Write(e, PersistenceJson.Serialize(i), SchemaVersion);
        return e;
    }

    private static OrderIntent FromEntity(TableEntity e)
    {
        var json = TableDocument.Read(e, SchemaVersion) ?? throw new InvalidDataException($"{TableNames.OrderIntents}/{e.RowKey}: no document");
        return PersistenceJson.Deserialize<OrderIntent>(json, $"{TableNames.OrderIntents}/{e.RowKey}") with { Revision = e.GetInt32("Revision") ?? 0 };
    }
}
