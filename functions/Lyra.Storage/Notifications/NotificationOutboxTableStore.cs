using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyra.Notifications;
using Lyra.Notifications.Delivery;
using Lyra.Storage.Persistence;
using Lyra.Storage.Tables;

namespace Lyra.Storage.Notifications;

/// <summary>
/// The notification outbox in one partition: a row per notification (<c>n|id</c>: the notification, the channels that
/// took it, rounds, next attempt, last error) and, while it is pending, a due row (<c>d|next attempt|id</c>) written in
/// the same transaction, so the due notifications are one range read and no notification is ever without its due row.
/// </summary>
public sealed class NotificationOutboxTableStore(TableProvider tables) : INotificationOutbox
{
    private const string Partition = "outbox";

    /// <inheritdoc />
    public async Task AddAsync(Notification notification, DateTimeOffset? due = null, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Notifications, cancellationToken);
        var key = TableKeys.Escape(notification.Id);
        try
        {
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, Row(key, notification, [], 0, due ?? notification.Time, null, null)),
                new(TableTransactionActionType.UpsertReplace, Due(due ?? notification.Time, key)),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Added already (a retried step): the first stands.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Notifications, cancellationToken);
        var upTo = "d|" + TableKeys.Ascending(now) + "|~";
        var list = new List<PendingNotification>();
        await foreach (var d in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("d|") >= 0 && x.RowKey.CompareTo(upTo) <= 0,
            cancellationToken: cancellationToken))
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, "n|" + d.GetString("Id"), cancellationToken: cancellationToken);
            if (row.HasValue) list.Add(Read(row.Value!));
            if (list.Count >= limit) break;
        }

        return list;
    }

    /// <inheritdoc />
    public async Task UpdateAsync(PendingNotification pending, DateTimeOffset? nextAttempt, string? lastError, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Notifications, cancellationToken);
        var key = TableKeys.Escape(pending.Notification.Id);
        var actions = new List<TableTransactionAction>
        {
            // Under its ETag: two dispatchers cannot both record a round.
            new(TableTransactionActionType.UpdateReplace, Row(key, pending.Notification, pending.Delivered, pending.Rounds, nextAttempt, lastError, pending.HeldFor),
                pending.Version is { } v ? new ETag(v) : ETag.All),
        };
        if (pending.NextAttempt != nextAttempt)
        {
            if (pending.NextAttempt is { } was) actions.Add(new(TableTransactionActionType.Delete, Due(was, key), ETag.All));
            if (nextAttempt is { } next) actions.Add(new(TableTransactionActionType.UpsertReplace, Due(next, key)));
        }
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotification>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableNames.Notifications, cancellationToken);
        var all = new List<PendingNotification>();
        await foreach (var r in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.RowKey.CompareTo("n|") >= 0 && x.RowKey.CompareTo("n|~") < 0,
            cancellationToken: cancellationToken))
        {
            all.Add(Read(r));
        }

        return [.. all.OrderByDescending(p => p.Notification.Time).Take(limit)];
    }

    private static TableEntity Row(string key, Notification n, IReadOnlyList<string> delivered, int rounds, DateTimeOffset? next, string? error, string? heldFor) => new(Partition, "n|" + key)
    {
        ["HeldFor"] = heldFor,
        ["Notification"] = PersistenceJson.Serialize(n),
        ["Delivered"] = JsonSerializer.Serialize(delivered),
        ["Rounds"] = rounds,
        ["NextAttempt"] = next,
        ["LastError"] = error,
    };

    private static TableEntity Due(DateTimeOffset at, string key) => new(Partition, "d|" + TableKeys.Ascending(at) + "|" + key) { ["Id"] = key };

    private static PendingNotification Read(TableEntity r) => new(
        PersistenceJson.Deserialize<Notification>(r.GetString("Notification"), $"{TableNames.Notifications}/{r.PartitionKey}/{r.RowKey}"),
        JsonSerializer.Deserialize<List<string>>(r.GetString("Delivered") ?? "[]") ?? [],
        r.GetInt32("Rounds") ?? 0,
        r.GetDateTimeOffset("NextAttempt"),
        r.GetString("LastError"),
        r.ETag.ToString(),
        r.GetString("HeldFor"));
}
