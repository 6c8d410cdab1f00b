using Lyra.Core.Errors;
using Microsoft.Extensions.Primitives;

namespace Lyra.Core.Options;

/// <summary>
/// The settings changed at run time and in force in this process. Only a subset may change while Lyra runs
/// (<see cref="Changeable"/>): risk limits, voter weights and consensus thresholds, strategy parameters. Options of those
/// sections are rebuilt from configuration plus these overrides when they change (<see cref="RuntimeOverrides{T}"/>), so
/// readers of <c>IOptionsMonitor</c> see them from their next use: the next flow.
/// </summary>
public sealed class RuntimeSettings : IDisposable
{
    /// <summary>Key prefixes that may change at run time, with what they are.</summary>
    public static IReadOnlyList<(string Prefix, string What)> Changeable { get; } =
    [
        ("Lyra:Risk:", "risk limits"),
        ("Lyra:Consensus:Weights:", "voter weights"),
        ("Lyra:Consensus:Quorum", "consensus quorum"),
        ("Lyra:Consensus:MinAgreement", "consensus agreement"),
        ("Lyra:Strategy:Parameters:", "strategy parameters"),
    ];

    private readonly object _gate = new();
    private CancellationTokenSource _changed = new();

    /// <summary>The overrides in force.</summary>
    public RuntimeSettingsSnapshot Current { get; private set; } = RuntimeSettingsSnapshot.Empty;

    /// <summary>Whether <paramref name="key"/> may change at run time.</summary>
    public static bool IsChangeable(string key) =>
        Changeable.Any(c => c.Prefix.EndsWith(':') ? key.StartsWith(c.Prefix, StringComparison.OrdinalIgnoreCase) && key.Length > c.Prefix.Length : key.Equals(c.Prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Refuses <paramref name="key"/> unless it may change at run time.</summary>
    public static void EnsureChangeable(string key)
    {
        if (!IsChangeable(key))
        {
            throw new ValidationException(key, $"{key} cannot change while Lyra runs (set it in the app settings and restart); at run time: " +
                string.Join(", ", Changeable.Select(c => $"{c.Prefix}{(c.Prefix.EndsWith(':') ? "*" : "")} ({c.What})")));
        }
    }

    /// <summary>Puts <paramref name="next"/> in force (when it differs) and tells the options that depend on it.</summary>
    public void Apply(RuntimeSettingsSnapshot next)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            if (next.Version is not null && next.Version == Current.Version) return;
            Current = next;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => _changed.Dispose();

    /// <summary>Fires when the overrides change.</summary>
    public IChangeToken ChangeToken()
    {
        lock (_gate) return new CancellationChangeToken(_changed.Token);
    }
}
