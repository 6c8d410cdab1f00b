using Lyra.Core.Errors;
using Lyra.Data.Markets;

namespace Lyra.Data.Tests;

public sealed class MarketTests
{
    [Theory]
    [InlineData("binance:BTCUSDT:1m", "binance", "BTCUSDT", 60)]
    [InlineData("Kraken:ethusd:1h", "kraken", "ETHUSD", 3600)]
    [InlineData("replay:BTCUSDT:1d", "replay", "BTCUSDT", 86400)]
    [InlineData("gateio:btc_usdt:1m", "gateio", "BTC_USDT", 60)]
    [InlineData("okx:BTC-USDT:5m", "okx", "BTC-USDT", 300)]
    public void Parses_exchange_symbol_and_timeframe(string text, string exchange, string symbol, int seconds)
    {
        var m = Market.Parse(text);
        Assert.Equal(exchange, m.Exchange);
        Assert.Equal(symbol, m.Symbol);
        Assert.Equal(TimeSpan.FromSeconds(seconds), m.Timeframe.Duration);
        Assert.Equal($"{exchange}:{symbol}:{m.Timeframe.Code}", m.Key);
    }

    [Theory]
    [InlineData("BTCUSDT", "expected exchange:SYMBOL:timeframe")]
    [InlineData("binance:BTC/USDT:1m", "letters, digits, '_' or '-' only")]
    [InlineData("binance:BTCUSDT:7m", "not a supported timeframe")]
    [InlineData("", "expected exchange:SYMBOL:timeframe")]
    public void Rejects_malformed_markets_naming_the_field(string text, string why)
    {
        var e = Assert.Throws<ValidationException>(() => Market.Parse(text, "Lyra:Collect:Markets:0"));
        Assert.Equal("Lyra:Collect:Markets:0", e.Field);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeframe_floor_aligns_to_the_interval()
    {
        var t = new DateTimeOffset(2024, 5, 6, 13, 47, 31, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 13, 45, 0, TimeSpan.Zero), Timeframe.Parse("15m").Floor(t));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero), Timeframe.Parse("1d").Floor(t));
    }
}
