using Azure.Data.Tables;
using Lyra.Core.Messaging;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Messaging;

/// <summary>Rejected messages by queue (partition), newest first (RowKey <c>inverted time|message id</c>).</summary>
public sealed class RejectedMessageTableStore(TableProvider tables, TimeProvider time) : IRejectedMessageStore
{
    /// <inheritdoc />
    public async Task RecordAsync(string queue, string messageId, string body, string reason, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.RejectedMessages, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(queue, TableKeys.Descending(now) + "|" + TableKeys.Escape(messageId))
        {
            ["MessageId"] = messageId,
            ["Reason"] = reason,
            ["Body"] = body.Length > 4000 ? body[..4000] : body,
            ["Time"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RejectedMessage>> ListAsync(string queue, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.RejectedMessages, cancellationToken);
        var list = new List<RejectedMessage>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == queue, cancellationToken: cancellationToken))
        {
            list.Add(new RejectedMessage(queue, e.GetString("MessageId") ?? e.RowKey[(e.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..],
                e.GetDateTimeOffset("Time")!.Value, e.GetString("Reason"), e.GetString("Body")));
            if (list.Count >= limit) break;
        }

        return list;
    }
}
