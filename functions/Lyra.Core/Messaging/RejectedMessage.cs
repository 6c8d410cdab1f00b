namespace Lyra.Core.Messaging;

/// <summary>A queue message that was dropped because it can never be processed.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">The queue's message id.</param>
/// <param name="Time">When it was rejected.</param>
/// <param name="Reason">Why, naming the field.</param>
/// <param name="Body">The body (at most 4,000 characters).</param>
public sealed record RejectedMessage(string Queue, string MessageId, DateTimeOffset Time, string Reason, string Body);
