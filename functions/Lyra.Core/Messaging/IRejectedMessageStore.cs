namespace Lyra.Core.Messaging;

/// <summary>Where malformed queue messages are recorded with their reason before they are deleted (poison handling).</summary>
public interface IRejectedMessageStore
{
    /// <summary>Records a rejected message (the body is cut to 4,000 characters).</summary>
    Task RecordAsync(string queue, string messageId, string body, string reason, CancellationToken cancellationToken = default);

    /// <summary>The rejected messages of <paramref name="queue"/>, newest first.</summary>
    Task<IReadOnlyList<RejectedMessage>> ListAsync(string queue, int limit, CancellationToken cancellationToken = default);
}
