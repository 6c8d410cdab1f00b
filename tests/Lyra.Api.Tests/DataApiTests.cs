using System.Text.Json;
using Lyra.Api.Routing;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Testing;

namespace Lyra.Api.Tests;

/// <summary><c>GET /api/data/historical/{symbol}</c> and <c>GET /api/data/quality</c> over candles stored in Azurite.</summary>
public sealed class DataApiTests
{
    private static readonly Market Btc = FlowHarness.Btc;

    // 120 one-minute candles ending a minute ago, without 40..49 (a gap of 10) and with candle 80 inconsistent.
    private static IReadOnlyList<Candle> Recent()
    {
        var start = Btc.Timeframe.Floor(DateTimeOffset.UtcNow).AddMinutes(-121);
        var list = TestCandles.FromCloses([.. Enumerable.Range(0, 120).Select(i => 100m + (i % 7))], start).Where((_, i) => i is < 40 or >= 50).ToList();
        list[70] = list[70] with { High = list[70].Low - 1 };
        return list;
    }

    [Fact]
    public async Task Historical_returns_the_newest_window_or_a_range_by_symbol_or_market_key()
    {
        await using var h = await ApiHarness.StartAsync();
        var candles = await h.SeedAsync([.. Enumerable.Range(0, 300).Select(i => 100m + (i % 11))]);

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, "?limit=50", id: "BTCUSDT");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal(("replay:BTCUSDT:1m", 50), (data.GetProperty("market").GetString(), data.GetProperty("count").GetInt32()));
        var rows = data.GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal(candles[^1].OpenTime, rows[^1].GetProperty("time").GetDateTimeOffset());
        Assert.Equal(candles[^1].Close, rows[^1].GetProperty("close").GetDecimal());
        Assert.Equal(candles[250].OpenTime, rows[0].GetProperty("time").GetDateTimeOffset());

        var from = candles[10].OpenTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var to = candles[19].OpenTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var (_, range) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, $"?from={from}&to={to}", id: "replay:BTCUSDT:1m");
        Assert.Equal(candles.Skip(10).Take(10).Select(c => c.OpenTime), range.GetProperty("data").GetProperty("candles").EnumerateArray().Select(r => r.GetProperty("time").GetDateTimeOffset()));

        var (_, page) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, $"?from={from}&limit=5", id: "BTCUSDT");
        Assert.Equal(candles.Skip(10).Take(5).Select(c => c.OpenTime), page.GetProperty("data").GetProperty("candles").EnumerateArray().Select(r => r.GetProperty("time").GetDateTimeOffset()));

        var (missing, error) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, id: "DOGEUSDT");
        Assert.Equal((404, "not_found"), (missing, error.GetProperty("error_code").GetString()));
        Assert.Contains("no collected market trades 'DOGEUSDT' (collected: replay:BTCUSDT:1m)", error.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        var (bad, _) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, "?limit=9999", id: "BTCUSDT");
        Assert.Equal(400, bad);
        var (backwards, _) = await ApiCall.InvokeAsync(h, ApiRoutes.DataHistorical, $"?from={to}&to={from}", id: "BTCUSDT");
        Assert.Equal(400, backwards);
    }

    [Fact]
    public async Task Quality_reports_gaps_inconsistent_candles_and_freshness_of_each_collected_market()
    {
        await using var h = await ApiHarness.StartAsync();
        await h.Get<ICandleStore>().UpsertAsync(Btc, Recent());

        var (status, body) = await ApiCall.InvokeAsync(h, ApiRoutes.DataQuality, "?days=1");
        Assert.Equal(200, status);
        var r = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("replay:BTCUSDT:1m", r.GetProperty("market").GetString());
        Assert.Equal((110, 120L, 10L, 1, 1), (r.GetProperty("candles").GetInt32(), r.GetProperty("expected").GetInt64(), r.GetProperty("missing").GetInt64(),
            r.GetProperty("gaps").GetInt32(), r.GetProperty("invalid").GetInt32()));
        Assert.Contains("(10 missing)", r.GetProperty("gap_examples")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("is above high", r.GetProperty("invalid_examples")[0].GetString(), StringComparison.Ordinal);
        Assert.False(r.GetProperty("stale").GetBoolean());
        Assert.Contains("1 of 1 market(s) need a look", body.GetRawText(), StringComparison.Ordinal);

        // Nothing stored for another market: no candles, stale.
        var (_, other) = await ApiCall.InvokeAsync(h, ApiRoutes.DataQuality, "?market=replay:ETHUSDT:1m");
        var e = Assert.Single(other.GetProperty("data").EnumerateArray());
        Assert.Equal((0, true, JsonValueKind.Null), (e.GetProperty("candles").GetInt32(), e.GetProperty("stale").GetBoolean(), e.GetProperty("last").ValueKind));
        var (bad, _) = await ApiCall.InvokeAsync(h, ApiRoutes.DataQuality, "?days=365");
        Assert.Equal(400, bad);
    }
}
