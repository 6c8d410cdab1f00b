namespace Lyra.Notifications.Delivery;

/// <summary>How one notification went on one channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="NotificationId">The notification.</param>
/// <param name="Delivered">Whether the channel took it.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Detail">The last failure, or <c>delivered</c>.</param>
/// <param name="At">When the last attempt ended.</param>
public sealed record DeliveryReceipt(string Channel, string NotificationId, bool Delivered, int Attempts, string Detail, DateTimeOffset At);
