using System.Text.Json;
using Lyra.Core.Errors;
using Lyra.Core.Json;

namespace Lyra.Data.Updates;

/// <summary>The <c>market-updates</c> message: new closed candles of a market were stored.</summary>
/// <param name="Market">Market key.</param>
/// <param name="From">Open time of the first new candle.</param>
/// <param name="To">Open time of the last new candle.</param>
/// <param name="Count">Number of new candles.</param>
public sealed record MarketUpdate(string Market, DateTimeOffset From, DateTimeOffset To, int Count)
{
    /// <summary>Serializes to the wire format (snake_case JSON).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, LyraJson.Options);

    /// <summary>Parses and validates a message; throws <see cref="ValidationException"/> naming the field.</summary>
    public static MarketUpdate Parse(string body)
    {
        MarketUpdate? m;
        try
        {
            m = JsonSerializer.Deserialize<MarketUpdate>(body, LyraJson.Options);
        }
        catch (JsonException e)
        {
            throw new ValidationException(LyraJson.Field(e), "not a market update: " + e.Message);
        }

        if (m is null) throw new ValidationException("$", "message is null");
        if (string.IsNullOrEmpty(m.Market)) throw new ValidationException("market", "market is required");
        Markets.Market.Parse(m.Market, "market");
        if (m.From == default) throw new ValidationException("from", "from is required");
        if (m.To == default) throw new ValidationException("to", "to is required");
        if (m.To < m.From) throw new ValidationException("to", "to is before from");
        if (m.Count < 1) throw new ValidationException("count", "count must be at least 1");
        return m;
    }
}
