using System.Text.RegularExpressions;
using Lyra.Core.Errors;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Management;

/// <summary>
/// The strategies that run: those configured (<paramref name="configured"/>, read on each call so run-time settings apply)
/// overlaid by those changed at run time (the store, by id). Several may run on one market; each signal names its
/// assignment's id. Activation validates the strategy and its parameters against the catalog before anything is kept.
/// </summary>
public sealed partial class StrategyRegistry(IStrategyAssignmentStore store, IStrategyFactory factory, TimeProvider time, Func<IReadOnlyList<StrategyAssignment>> configured)
{
    /// <summary>Every assignment, configured and run-time, by id.</summary>
    public async Task<IReadOnlyList<StrategyAssignment>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = configured().ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var s in await store.ListAsync(cancellationToken)) all[s.Id] = s;
        return [.. all.Values.OrderBy(a => a.Id, StringComparer.Ordinal)];
    }

    /// <summary>The active assignments on <paramref name="marketKey"/>.</summary>
    public async Task<IReadOnlyList<StrategyAssignment>> ActiveForAsync(string marketKey, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(a => a.Active && a.Covers(marketKey))];

    /// <summary>Activates (or creates, or changes) an assignment, deactivating <see cref="StrategyChange.Replaces"/> in the same step; returns what changed.</summary>
    /// <exception cref="ValidationException">The id, strategy, parameters or markets are not valid; nothing is kept.</exception>
    /// <exception cref="NotFoundException">The id or the replaced id names no assignment.</exception>
    public async Task<IReadOnlyList<StrategyAssignment>> ActivateAsync(StrategyChange change, string by, CancellationToken cancellationToken = default)
    {
        var id = CheckId(change.Id, "id");
        var all = (await ListAsync(cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        all.TryGetValue(id, out var existing);
        var strategy = change.Strategy ?? existing?.Strategy
            ?? throw new NotFoundException($"there is no strategy '{id}': name a strategy ({string.Join(", ", factory.SignalStrategies)}) to create it");
        if (!factory.SignalStrategies.Contains(strategy, StringComparer.Ordinal))
        {
            throw new ValidationException("strategy", $"'{strategy}' is not a signal strategy ({string.Join(", ", factory.SignalStrategies)})");
        }

        var parameters = factory.ResolveParameters(strategy, change.Parameters ?? (change.Strategy is null || change.Strategy == existing?.Strategy ? existing?.Parameters : null), "parameters");
        factory.Create(strategy, parameters, "parameters");
        var markets = change.Markets ?? existing?.Markets ?? [];
        for (var i = 0; i < markets.Count; i++)
        {
            Data.Markets.Market.Parse(markets[i], $"markets[{i}]");
        }

        var now = time.GetUtcNow();
        var changed = new List<StrategyAssignment> { new(id, strategy, [.. markets.Select(m => Data.Markets.Market.Parse(m).Key)], parameters, true, StrategyAssignment.FromRuntime, now, by) };
        if (change.Replaces is { } replaced)
        {
            if (CheckId(replaced, "replaces") == id) throw new ValidationException("replaces", "a strategy cannot replace itself");
            var old = all.GetValueOrDefault(replaced) ?? throw new NotFoundException($"there is no strategy '{replaced}' to replace");
            changed.Add(old with { Active = false, Source = StrategyAssignment.FromRuntime, UpdatedAt = now, UpdatedBy = by });
        }

        await store.SaveAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>Deactivates <paramref name="id"/> (its open positions keep their stops; it just signals no more).</summary>
    /// <exception cref="NotFoundException">No such assignment.</exception>
    public async Task<StrategyAssignment> DeactivateAsync(string? id, string by, CancellationToken cancellationToken = default)
    {
        var key = CheckId(id, "id");
        var existing = (await ListAsync(cancellationToken)).FirstOrDefault(a => a.Id == key) ?? throw new NotFoundException($"there is no strategy '{key}'");
        var off = existing with { Active = false, Source = StrategyAssignment.FromRuntime, UpdatedAt = time.GetUtcNow(), UpdatedBy = by };
        await store.SaveAsync([off], cancellationToken);
        return off;
    }

    private static string CheckId(string? id, string field) =>
        id is not null && IdPattern().IsMatch(id) ? id : throw new ValidationException(field, $"'{id}' is not a strategy id (1-40 of a-z, 0-9, -)");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();
}
