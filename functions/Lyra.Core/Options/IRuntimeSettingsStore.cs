namespace Lyra.Core.Options;

/// <summary>
/// Where settings changed at run time (<c>POST /api/config/update</c>) are kept, so that they survive restarts and reach
/// every instance. One document, replaced as a whole under optimistic concurrency.
/// </summary>
public interface IRuntimeSettingsStore
{
    /// <summary>The kept overrides (empty when none were ever set).</summary>
    Task<RuntimeSettingsSnapshot> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the overrides if they are still at <paramref name="expectedVersion"/> (null: none were kept); false when another writer came first.</summary>
    Task<bool> SaveAsync(RuntimeSettingsSnapshot next, string? expectedVersion, CancellationToken cancellationToken = default);
}

/// <summary>The overrides in force: setting key → value.</summary>
/// <param name="Values">Setting keys (<c>Lyra:Risk:MaxPositionPercent</c>) and their values.</param>
/// <param name="Version">The store's version of this document (an ETag); null before the first save.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
public sealed record RuntimeSettingsSnapshot(IReadOnlyDictionary<string, string> Values, string? Version = null, DateTimeOffset? UpdatedAt = null, string? UpdatedBy = null)
{
    /// <summary>No overrides.</summary>
    public static RuntimeSettingsSnapshot Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
}
