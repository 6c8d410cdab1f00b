using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Strategies.Strategies;

namespace Lyra.Strategies.Optimization;

/// <summary>The values to try for each parameter, from <c>name=min:max:step</c> or <c>name=a,b,c</c> specs within the declared ranges.</summary>
public sealed class ParameterSpace
{
    private ParameterSpace(IReadOnlyList<(string Name, double[] Values)> axes) => Axes = axes;

    /// <summary>Each parameter and its candidate values.</summary>
    public IReadOnlyList<(string Name, double[] Values)> Axes { get; }

    /// <summary>Number of combinations in the full grid.</summary>
    public long GridSize => Axes.Aggregate(1L, (n, a) => n * a.Values.Length);

    /// <summary>Parses range specs for <paramref name="strategy"/>, checking names and declared ranges.</summary>
    public static ParameterSpace Parse(IStrategyFactory strategies, string strategy, IEnumerable<string> specs)
    {
        if (!strategies.Schemas.TryGetValue(strategy, out var schema))
        {
            throw new ValidationException("strategy", $"unknown strategy '{strategy}'; known: {string.Join(", ", strategies.Schemas.Keys)}");
        }

        var axes = new List<(string, double[])>();
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ValidationException("range", $"'{spec}' is not name=min:max:step or name=a,b,c");
            var name = spec[..eq].Trim();
            var p = schema.FirstOrDefault(x => x.Name == name)
                ?? throw new ValidationException("range", $"strategy '{strategy}' has no parameter '{name}'; it has {string.Join(", ", schema.Select(x => x.Name))}");
            var body = spec[(eq + 1)..];
            double[] values;
            if (body.Contains(':', StringComparison.Ordinal))
            {
                var parts = body.Split(':');
                if (parts.Length != 3 || !TryNum(parts[0], out var lo) || !TryNum(parts[1], out var hi) || !TryNum(parts[2], out var step) || step <= 0 || hi < lo)
                {
                    throw new ValidationException("range", $"'{spec}': expected min:max:step with step > 0 and max ≥ min");
                }

                var count = (int)Math.Floor(((hi - lo) / step) + 1e-9) + 1;
                if (count > 10_000) throw new ValidationException("range", $"'{spec}' has {count} values; at most 10000 per parameter");
                values = Enumerable.Range(0, count).Select(i => Math.Round(lo + (i * step), 10)).ToArray();
            }
            else
            {
                values = body.Split(',').Select(v => TryNum(v, out var x) ? x : throw new ValidationException("range", $"'{spec}': '{v}' is not a number")).ToArray();
            }

            foreach (var v in values)
            {
                if (v < p.Min || v > p.Max) throw new ValidationException("range", string.Create(CultureInfo.InvariantCulture, $"'{spec}': {v} is outside {name}'s range [{p.Min}, {p.Max}]"));
            }

            axes.Add((name, values));
        }

        if (axes.Count == 0) throw new ValidationException("range", "give at least one --range, for example --range fast=5:30:5");
        return new ParameterSpace(axes);
    }

    /// <summary>Every combination (grid search).</summary>
    public IEnumerable<Dictionary<string, double>> Grid()
    {
        var idx = new int[Axes.Count];
        while (true)
        {
            yield return Axes.Select((a, k) => (a.Name, a.Values[idx[k]])).ToDictionary(x => x.Name, x => x.Item2, StringComparer.Ordinal);
            var k2 = Axes.Count - 1;
            while (k2 >= 0 && ++idx[k2] == Axes[k2].Values.Length) idx[k2--] = 0;
            if (k2 < 0) yield break;
        }
    }

    /// <summary><paramref name="samples"/> distinct random combinations (all of them when the grid is smaller).</summary>
    public IEnumerable<Dictionary<string, double>> Random(int samples, int seed)
    {
        if (samples >= GridSize) return Grid();
        var rng = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<Dictionary<string, double>>();
        while (list.Count < samples)
        {
            var combo = Axes.ToDictionary(a => a.Name, a => a.Values[rng.Next(a.Values.Length)], StringComparer.Ordinal);
            if (seen.Add(string.Join(',', combo.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))) list.Add(combo);
        }

        return list;
    }

    private static bool TryNum(string s, out double v) => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v);
}
