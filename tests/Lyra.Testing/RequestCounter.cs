using Azure.Core;
using Azure.Core.Pipeline;

namespace Lyra.Testing;

/// <summary>Counts the table requests a client sends, by kind (a query lists entities; a point read names PartitionKey and RowKey).</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _queries;
    private int _all;

    /// <summary>Entity queries sent (GET on the table with a filter or none, without a key).</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>All requests sent.</summary>
    public int All => Volatile.Read(ref _all);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _all);
        var path = message.Request.Uri.Path;
        if (message.Request.Method == RequestMethod.Get && !path.Contains("(PartitionKey=", StringComparison.Ordinal) && !path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _queries);
        }
    }
}
