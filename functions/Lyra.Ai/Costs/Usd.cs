using System.Globalization;

namespace Lyra.Ai.Costs;

/// <summary>Dollar amounts in messages: invariant, up to eight decimals, no trailing zeros.</summary>
public static class Usd
{
    /// <summary>Formats <paramref name="value"/> (for example 0.00036).</summary>
    public static string Format(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);
}
