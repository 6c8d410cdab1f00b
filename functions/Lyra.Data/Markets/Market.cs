using Lyra.Core.Errors;

namespace Lyra.Data.Markets;

/// <summary>One traded series: an exchange, a symbol and a timeframe, for example <c>binance:BTCUSDT:1m</c>.</summary>
/// <param name="Exchange">Exchange id in lower case (<c>binance</c>, <c>paper</c>, ...).</param>
/// <param name="Symbol">Exchange symbol in upper case, as the venue spells it (<c>BTCUSDT</c>, <c>BTC_USDT</c>, <c>BTC-USDT</c>).</param>
/// <param name="Timeframe">Candle interval.</param>
public sealed record Market(string Exchange, string Symbol, Timeframe Timeframe)
{
    /// <summary>The canonical key <c>exchange:SYMBOL:tf</c>; also the table partition key of its candles.</summary>
    public string Key => $"{Exchange}:{Symbol}:{Timeframe.Code}";

    /// <summary>Parses <c>exchange:SYMBOL:tf</c>; throws <see cref="ValidationException"/> naming <paramref name="field"/>.</summary>
    public static Market Parse(string? value, string field = "market")
    {
        var parts = (value ?? "").Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ValidationException(field, $"'{value}' is not a market; expected exchange:SYMBOL:timeframe such as binance:BTCUSDT:1m.");
        }

        foreach (var c in parts[0])
        {
            if (!char.IsAsciiLetterOrDigit(c)) throw new ValidationException(field, $"exchange '{parts[0]}' must be letters and digits only.");
        }

        foreach (var c in parts[1])
        {
            // '_' and '-' are how venues spell pairs (BTC_USDT on Gate.io, BTC-USDT on OKX); '/' cannot be a table key.
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                throw new ValidationException(field, $"symbol '{parts[1]}' must be letters, digits, '_' or '-' only (BTCUSDT or BTC_USDT, not BTC/USDT).");
            }
        }

        return new Market(parts[0].ToLowerInvariant(), parts[1].ToUpperInvariant(), Timeframe.Parse(parts[2], field));
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
