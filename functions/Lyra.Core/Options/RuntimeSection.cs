using System.Collections;
using System.Reflection;
using Lyra.Core.Errors;
using Microsoft.Extensions.Options;

namespace Lyra.Core.Options;

/// <summary>An options section with run-time overrides: knows its keys and validates a candidate set of overrides like start-up does.</summary>
public interface IRuntimeSection
{
    /// <summary>The configuration section (<c>Lyra:Risk</c>).</summary>
    string Section { get; }

    /// <summary>Whether <paramref name="key"/> (under the section) names a setting of the options type.</summary>
    bool Has(string key);

    /// <summary>The failures of the options built from configuration plus <paramref name="overrides"/> (empty: valid).</summary>
    IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> overrides);

    /// <summary>The options in force now.</summary>
    object Current { get; }
}

/// <summary>The <see cref="IRuntimeSection"/> of <typeparamref name="T"/>, validated with the same configure, post-configure and validate steps as at start-up.</summary>
/// <typeparam name="T">The options type.</typeparam>
public sealed class RuntimeSection<T>(string section, IEnumerable<IConfigureOptions<T>> setups, IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations, IOptionsMonitor<T> monitor) : IRuntimeSection where T : class
{
    /// <inheritdoc />
    public string Section => section;

    /// <inheritdoc />
    public object Current => monitor.CurrentValue;

    /// <inheritdoc />
    public bool Has(string key) =>
        key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && Exists(typeof(T), key[(section.Length + 1)..].Split(':'));

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> overrides)
    {
        // The host's own steps, with the candidate overrides in place of those in force.
        var post = postConfigures.Where(p => p is not RuntimeOverrides<T>).Append(new RuntimeOverrides<T>(section, () => overrides, null));
        try
        {
            new OptionsFactory<T>(setups, post, validations).Create(Microsoft.Extensions.Options.Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (InvalidOperationException e)
        {
            // The binder: a value that does not convert to the setting's type.
            return [(e.InnerException ?? e).Message.Length > 0 ? e.Message + (e.InnerException is { } i ? " " + i.Message : "") : "a value does not convert"];
        }
    }

    private static bool Exists(Type type, ReadOnlySpan<string> path)
    {
        if (path.Length == 0) return true;
        if (typeof(IDictionary).IsAssignableFrom(type)) return path.Length == 1 && path[0].Length > 0;
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite && !typeof(IDictionary).IsAssignableFrom(property.PropertyType)) return false;
        var t = property.PropertyType;
        var leaf = t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t.IsEnum || Nullable.GetUnderlyingType(t) is not null;
        return leaf ? path.Length == 1 : Exists(t, path[1..]);
    }
}
