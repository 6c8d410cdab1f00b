using Azure.Data.Tables;
using Lyra.Data.Storage;

namespace Lyra.Workflows.Storage;

/// <summary>Messages that were dropped because they can never be processed, with the reason (poison handling).</summary>
public sealed class RejectedMessageStore(TableProvider tables, TimeProvider time)
{
    /// <summary>A rejected message.</summary>
    public sealed record RejectedMessage(string Queue, DateTimeOffset Time, string Reason, string Body);

    /// <summary>Records a rejected message (body truncated to 4,000 characters).</summary>
    public async Task RecordAsync(string queue, string messageId, string body, string reason, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.RejectedMessages, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(queue, TableKeys.Descending(now) + "|" + messageId)
        {
            ["Reason"] = reason,
            ["Body"] = body.Length > 4000 ? body[..4000] : body,
            ["Time"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Rejected messages of a queue, newest first.</summary>
    public async Task<IReadOnlyList<RejectedMessage>> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.RejectedMessages, cancellationToken);
        var list = new List<RejectedMessage>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == queue, cancellationToken: cancellationToken))
        {
            list.Add(new RejectedMessage(queue, e.GetDateTimeOffset("Time")!.Value, e.GetString("Reason"), e.GetString("Body")));
        }

        return list;
    }
}
