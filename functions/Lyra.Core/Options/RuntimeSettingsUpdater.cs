using Lyra.Core.Errors;

namespace Lyra.Core.Options;

/// <summary>
/// Changes settings at run time: each key must be in the run-time subset and name a real setting; the result is validated
/// like start-up settings; then it is kept (<see cref="IRuntimeSettingsStore"/>, so it survives restarts and reaches the
/// other instances) and put in force here at once.
/// </summary>
public sealed class RuntimeSettingsUpdater(RuntimeSettings settings, IRuntimeSettingsStore store, IEnumerable<IRuntimeSection> sections, TimeProvider time)
{
    /// <summary>What an update changed.</summary>
    /// <param name="Before">The overrides before.</param>
    /// <param name="After">The overrides now in force.</param>
    public sealed record Result(RuntimeSettingsSnapshot Before, RuntimeSettingsSnapshot After);

    /// <summary>Applies <paramref name="changes"/> (a null value removes the override: the configured value returns).</summary>
    /// <exception cref="ValidationException">A key outside the subset, unknown, or a value the settings' validation refuses; nothing is kept.</exception>
    public async Task<Result> UpdateAsync(IReadOnlyDictionary<string, string?> changes, string by, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0) throw new ValidationException("settings", "name at least one setting to change");
        foreach (var key in changes.Keys)
        {
            RuntimeSettings.EnsureChangeable(key);
            if (!sections.Any(s => s.Has(key))) throw new ValidationException(key, $"{key} is not a setting Lyra knows");
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = await store.LoadAsync(cancellationToken);
            var next = new Dictionary<string, string>(before.Values, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in changes)
            {
                if (value is null) next.Remove(key);
                else next[key] = value;
            }

            Validate(next, changes.Keys);
            if (await store.SaveAsync(new RuntimeSettingsSnapshot(next, null, time.GetUtcNow(), by), before.Version, cancellationToken))
            {
                var after = await store.LoadAsync(cancellationToken);
                settings.Apply(after);
                return new Result(before, after);
            }
        }

        throw new ConflictException("the run-time settings kept changing under this update; try again");
    }

    /// <summary>Reads the kept overrides and puts them in force (at start and on each refresh); false when they did not change.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var kept = await store.LoadAsync(cancellationToken);
        if (kept.Version == settings.Current.Version) return false;
        settings.Apply(kept);
        return true;
    }

    private void Validate(Dictionary<string, string> candidate, IEnumerable<string> changed)
    {
        var failures = new List<string>();
        foreach (var s in sections.Where(s => changed.Any(k => k.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase))))
        {
            failures.AddRange(s.Validate(candidate));
        }

        if (failures.Count == 0) return;
        var field = changed.FirstOrDefault(k => failures.Any(f => f.Contains(k, StringComparison.OrdinalIgnoreCase))) ?? changed.First();
        throw new ValidationException(field, string.Join("; ", failures));
    }
}
