using System.Globalization;
using Lyra.Core.Errors;

namespace Lyra.Strategies.Strategies;

/// <summary>The <see cref="IStrategyFactory"/> over every registered <see cref="IStrategyProvider"/> (a name belongs to one provider).</summary>
public sealed class StrategyFactory : IStrategyFactory
{
    private readonly Dictionary<string, IStrategyProvider> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<StrategyParameter>> _schemas = new(StringComparer.Ordinal);

    /// <summary>Creates the factory; two providers naming the same strategy is a programming error.</summary>
    public StrategyFactory(IEnumerable<IStrategyProvider> providers)
    {
        foreach (var provider in providers)
        {
            foreach (var (name, schema) in provider.Schemas)
            {
                if (!_owners.TryAdd(name, provider)) throw new InvalidOperationException($"Strategy '{name}' is provided twice.");
                _schemas[name] = schema;
            }
        }
    }

    /// <summary>A factory over the given providers.</summary>
    public static StrategyFactory Of(params IStrategyProvider[] providers) => new(providers);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<StrategyParameter>> Schemas => _schemas;

    /// <inheritdoc />
    public IEnumerable<string> SignalStrategies => _schemas.Keys.Where(k => !BuiltInStrategies.OrderBased.Contains(k));

    /// <inheritdoc />
    public ISignalStrategy Create(string name, IReadOnlyDictionary<string, double>? parameters = null, string field = "strategy")
    {
        var values = ResolveParameters(name, parameters, field);
        return _owners[name].Create(name, values, field);
    }

    /// <inheritdoc />
    public Dictionary<string, double> ResolveParameters(string name, IReadOnlyDictionary<string, double>? parameters, string field = "strategy")
    {
        if (!_schemas.TryGetValue(name, out var schema))
        {
            throw new ValidationException(field, $"unknown strategy '{name}'; known: {string.Join(", ", _schemas.Keys)}.");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in schema) values[p.Name] = p.Default;
        foreach (var (key, value) in parameters ?? new Dictionary<string, double>())
        {
            var p = schema.FirstOrDefault(x => x.Name == key)
                ?? throw new ValidationException($"{field}.{key}", $"strategy '{name}' has no parameter '{key}'; it has {string.Join(", ", schema.Select(x => x.Name))}.");
            if (double.IsNaN(value) || value < p.Min || value > p.Max)
            {
                throw new ValidationException($"{field}.{key}", string.Create(CultureInfo.InvariantCulture, $"{key}={value} is outside [{p.Min}, {p.Max}]."));
            }

            values[key] = value;
        }

        return values;
    }
}
