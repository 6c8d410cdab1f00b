namespace Lyra.Monitoring.Alerts;

/// <summary>Where alerts are kept, newest first.</summary>
public interface IAlertStore
{
    /// <summary>Records an alert at the current time.</summary>
    Task RaiseAsync(string kind, string message, CancellationToken cancellationToken = default);

    /// <summary>The newest alerts.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
