namespace Lyra.Monitoring.Reports;

/// <summary>Written reports (HTML pages), by name.</summary>
public interface IReportStore
{
    /// <summary>Writes (or replaces) <paramref name="name"/>.</summary>
    Task SaveAsync(string name, string html, CancellationToken cancellationToken = default);

    /// <summary>The report <paramref name="name"/>, or null.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The names of the newest reports, newest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
