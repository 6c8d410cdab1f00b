namespace Lyra.Monitoring.Alerts;

/// <summary>Where alerts are kept, newest first.</summary>
public interface IAlertStore
{
    /// <summary>
    /// Records an alert at the current time. While an alert of the same kind and subject is open and was last raised within
    /// <see cref="AlertKinds.DedupWindow"/>, the repeat is counted on it (message and time updated) instead; returns
    /// whether a new alert was raised.
    /// </summary>
    Task<bool> RaiseAsync(string kind, string message, string subject = "", CancellationToken cancellationToken = default);

    /// <summary>The newest alerts.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks an alert as seen by <paramref name="by"/>; null when there is no such alert (acknowledging twice keeps the first).</summary>
    Task<Alert?> AcknowledgeAsync(string id, string by, CancellationToken cancellationToken = default);
}
