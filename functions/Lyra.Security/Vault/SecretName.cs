using System.Text.RegularExpressions;
using Lyra.Core.Errors;

namespace Lyra.Security.Vault;

/// <summary>
/// Secret names follow Azure Key Vault's rule (1-127 letters, digits and dashes), so one name works in both vaults.
/// A configuration key maps to a name by writing <c>:</c> as <c>--</c> (<c>Lyra:Exchanges:gateio:ApiSecret</c> ↔
/// <c>Lyra--Exchanges--gateio--ApiSecret</c>), the convention of the Key Vault configuration provider.
/// </summary>
public static partial class SecretName
{
    /// <summary>The name for <paramref name="nameOrKey"/> (a secret name, or a configuration key with colons).</summary>
    /// <exception cref="ValidationException">Not a valid name; the field is <c>name</c>.</exception>
    public static string Normalize(string nameOrKey)
    {
        var name = nameOrKey.Replace(":", "--", StringComparison.Ordinal);
        if (!Valid().IsMatch(name))
        {
            throw new ValidationException("name", $"'{nameOrKey}' is not a secret name: 1-127 letters, digits and dashes (or a setting key such as Lyra:Exchanges:gateio:ApiSecret)");
        }

        return name;
    }

    /// <summary>The configuration key a secret name stands for.</summary>
    public static string ToConfigurationKey(string name) => name.Replace("--", ":", StringComparison.Ordinal);

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex Valid();
}
