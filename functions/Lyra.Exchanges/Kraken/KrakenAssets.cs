namespace Lyra.Exchanges.Kraken;

/// <summary>Kraken's asset codes ↔ the usual ones: <c>XXBT</c>/<c>XBT</c> → BTC, <c>XDG</c> → DOGE, X/Z prefixes of legacy 4-letter codes dropped.</summary>
public static class KrakenAssets
{
    /// <summary>The usual code of a Kraken asset code.</summary>
    public static string Normalize(string kraken)
    {
        var code = kraken.ToUpperInvariant();
        if (code.Length == 4 && code[0] is 'X' or 'Z' && code is not ("USDT" or "USDC" or "ZEUS")) code = code[1..];
        return code switch
        {
            "XBT" => "BTC",
            "XDG" => "DOGE",
            _ => code,
        };
    }
}
