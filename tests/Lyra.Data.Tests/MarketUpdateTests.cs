using Lyra.Core.Errors;
using Lyra.Data.Updates;

namespace Lyra.Data.Tests;

/// <summary>The market-update queue message: what is accepted, and which field a refusal names.</summary>
public sealed class MarketUpdateTests
{
    [Fact]
    public void A_well_formed_message_round_trips()
    {
        var update = new MarketUpdate("replay:BTCUSDT:1m", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 0, 4, 0, TimeSpan.Zero), 5);
        Assert.Equal(update, MarketUpdate.Parse(update.ToJson()));
    }

    [Theory]
    [InlineData("not json at all", "$")]
    [InlineData("{\"market\":\"BTC\",\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"count\":1}", "market")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"count\":0}", "count")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"from\":\"2024-01-01T00:05:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"count\":1}", "to")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2024-01-01T00:00:00Z\",\"count\":1,\"extra\":1}", "extra")]
    [InlineData("{\"market\":\"replay:BTCUSDT:1m\",\"count\":1}", "from")]
    public void A_malformed_message_is_refused_naming_its_field(string body, string field)
    {
        var e = Assert.Throws<ValidationException>(() => MarketUpdate.Parse(body));
        Assert.StartsWith(field, e.Field, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
