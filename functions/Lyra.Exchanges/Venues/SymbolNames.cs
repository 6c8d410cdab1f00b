using Lyra.Core.Errors;

namespace Lyra.Exchanges.Venues;

/// <summary>Normalized symbols: <c>BASE/QUOTE</c> in upper case.</summary>
public static class SymbolNames
{
    /// <summary>Splits a normalized symbol.</summary>
    /// <exception cref="ValidationException">Not <c>BASE/QUOTE</c>; the field is <c>symbol</c>.</exception>
    public static (string Base, string Quote) Split(string symbol)
    {
        var slash = symbol.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == symbol.Length - 1 || symbol.IndexOf('/', slash + 1) >= 0)
        {
            throw new ValidationException("symbol", $"'{symbol}' is not a symbol of the form BASE/QUOTE (e.g. BTC/USDT)");
        }

        return (symbol[..slash].ToUpperInvariant(), symbol[(slash + 1)..].ToUpperInvariant());
    }

    /// <summary><c>BASE/QUOTE</c> from a venue spelling that joins them with <paramref name="separator"/>.</summary>
    public static string FromSeparated(string venueSymbol, char separator)
    {
        var i = venueSymbol.IndexOf(separator, StringComparison.Ordinal);
        return i <= 0 ? venueSymbol.ToUpperInvariant() : venueSymbol[..i].ToUpperInvariant() + "/" + venueSymbol[(i + 1)..].ToUpperInvariant();
    }

    /// <summary>The venue spelling of a normalized (or already venue-spelled) symbol that joins base and quote with <paramref name="separator"/>.</summary>
    public static string ToSeparated(string symbol, char separator) =>
        symbol.Contains('/', StringComparison.Ordinal) ? symbol.ToUpperInvariant().Replace('/', separator) : symbol.ToUpperInvariant();
}
