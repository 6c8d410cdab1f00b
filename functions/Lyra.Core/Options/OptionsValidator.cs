using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Lyra.Core.Options;

/// <summary>
/// Validates an options object with its data annotations (recursively into nested options) and
/// names every failing setting by its full configuration key, for example <c>Lyra:Risk:MaxOpenPositions</c>.
/// </summary>
public static class OptionsValidator
{
    /// <summary>Returns one message per failing setting; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(object options, string section)
    {
        var failures = new List<string>();
        Collect(options, section, failures);
        return failures;
    }

    private static void Collect(object options, string section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
            {
                var key = m.Length == 0 ? section : section + ":" + m;
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {r.ErrorMessage}"));
            }
        }

        if (options is IValidatableObject)
        {
            return; // already run by TryValidateObject
        }

        foreach (var p in options.GetType().GetProperties())
        {
            if (p.GetIndexParameters().Length > 0 || !p.PropertyType.IsClass || p.PropertyType == typeof(string)) continue;
            if (p.PropertyType.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) continue;
            if (p.GetValue(options) is { } nested) Collect(nested, section + ":" + p.Name, failures);
        }
    }
}
