using Azure;
using Azure.Data.Tables;

namespace Lyra.Storage.Tables;

/// <summary>
/// Read-modify-write against Table storage with ETags: run the attempt again (after a short jittered pause) when another
/// writer got there first (409 on insert, 412 on a stale ETag), up to a bound.
/// </summary>
internal static class OptimisticRetry
{
    private const int MaxAttempts = 40;

    /// <summary>Runs <paramref name="attempt"/> until it completes without a write conflict.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (IsConflict(e) && i < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * Math.Min(i, 8)), cancellationToken);
            }
        }
    }

    /// <summary>True for a lost race: 409 or 412, from a single write or a batch.</summary>
    public static bool IsConflict(Exception e) => e switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };

    /// <summary>An insert of <paramref name="entity"/> when it is new, a replace guarded by its ETag otherwise.</summary>
    public static TableTransactionAction Write(ITableEntity entity, ETag? etag) =>
        etag is { } e ? new(TableTransactionActionType.UpdateReplace, entity, e) : new(TableTransactionActionType.Add, entity);
}
